import { expect } from '@esm-bundle/chai';
import { loadTf } from '../shared/backend/backends.ts';
import { createDetector, type Detector } from './detector.ts';
import type { Detection } from './geometry.ts';
import { DEFAULT_MODEL_VARIANT, modelUrl } from './model-variants.ts';
import { headsFromGraph } from './ssd-heads.ts';
import { packHeads } from './trained-heads.ts';
import {
  expectedShapes,
  parseTrainedModel,
  TRAINED_FORMAT,
  type TrainedModel,
  trainedModelFiles,
} from './trained-model.ts';
import { trainedModelFromZip, trainedModelZip } from './trained-model-zip.ts';

const FIXTURES = ['/datasets/sample/images/s1-00001.jpg', '/datasets/sample/images/s1-00008.jpg'];

/**
 * A "trained" model whose heads are COCO's own, untouched: what training starts from (epoch 0), read
 * from the default (pruned) variant, as the Train page does.
 */
async function epochZeroModel(classes: string[]): Promise<TrainedModel> {
  const tf = await loadTf();
  const graph = await tf.loadGraphModel(modelUrl(DEFAULT_MODEL_VARIANT));
  const heads = headsFromGraph(tf, graph, classes.length);
  const weights = await packHeads(heads);
  tf.dispose(heads.flatMap((head) => Object.values(head)));
  graph.dispose();
  return {
    meta: {
      format: TRAINED_FORMAT,
      version: 1,
      id: 'epoch-zero',
      name: 'epoch 0',
      base: DEFAULT_MODEL_VARIANT,
      classes,
      createdAt: 0,
      metrics: {
        valMAP50: null,
        stockValMAP50: null,
        bestEpoch: 0,
        epochs: [],
        trainImages: 0,
        valImages: 0,
        backend: 'wasm',
        ms: 0,
        featuresMs: 0,
      },
      settings: {
        classes,
        epochs: 0,
        batchSize: 1,
        learningRate: 0,
        augmentCopies: 1,
        patience: 1,
        seed: 1,
        base: DEFAULT_MODEL_VARIANT,
      },
      weights: expectedShapes(classes.length),
    },
    weights,
  };
}

const rounded = (detections: Detection[]) =>
  detections.map(({ box, score, label }) => ({
    box: box.map((v) => Math.round(v * 10) / 10),
    score: Math.round(score * 1e4) / 1e4,
    label,
  }));

describe('fine-tuned detector (heads outside the graph)', () => {
  let bitmaps: ImageBitmap[];
  let stock: Detector;

  before(async () => {
    bitmaps = await Promise.all(FIXTURES.map(async (url) => createImageBitmap(await (await fetch(url)).blob())));
    stock = await createDetector({ backend: 'wasm', model: 'coco' });
  });

  after(() => {
    stock.dispose();
    for (const bitmap of bitmaps) bitmap.close();
  });

  it('at epoch 0 detects exactly what stock COCO-SSD "sports ball" does', async () => {
    const detector = await createDetector({ model: await epochZeroModel(['ball']) });
    try {
      for (const bitmap of bitmaps) {
        const expected = await stock.detect(bitmap, { threshold: 0.3 });
        const actual = await detector.detect(bitmap, { threshold: 0.3 });
        expect(expected.length).to.be.at.least(2);
        expect(actual.map((d) => d.label)).to.deep.equal(expected.map(() => 'ball'));
        actual.forEach((detection, i) => {
          const reference = expected[i] as Detection;
          expect(detection.score).to.be.closeTo(reference.score, 1e-3);
          detection.box.forEach((v, k) => {
            expect(v).to.be.closeTo(reference.box[k] as number, 0.5);
          });
        });
      }
    } finally {
      detector.dispose();
    }
  });

  it('gives identical detections after save → load (zip), and does not leak tensors', async () => {
    const tf = await loadTf();
    const model = await epochZeroModel(['ball', 'テニスボール']);
    const reloaded = trainedModelFromZip(trainedModelZip(model));
    expect(reloaded.meta).to.deep.equal(model.meta);
    const before = tf.memory().numTensors;
    const first = await createDetector({ model });
    const second = await createDetector({ model: reloaded });
    try {
      for (const bitmap of bitmaps) {
        const a = await first.detect(bitmap, { threshold: 0.3 });
        expect(a.length).to.be.at.least(2);
        expect(rounded(await second.detect(bitmap, { threshold: 0.3 }))).to.deep.equal(rounded(a));
      }
    } finally {
      first.dispose();
      second.dispose();
    }
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('refuses bad or mismatched model files with a clear reason', async () => {
    const model = await epochZeroModel(['ball']);
    const { 'model.json': json, 'weights.bin': bin } = trainedModelFiles(model);
    const buffer = bin.slice().buffer;
    const bad =
      (text: string, data: ArrayBuffer = buffer) =>
      () =>
        parseTrainedModel(text, data);
    expect(bad('{nope')).to.throw(/not valid JSON/);
    expect(bad(JSON.stringify({ format: 'tfjs-graph' }))).to.throw(/not a Tama Lab model/);
    expect(bad(json.replace('"version": 1', '"version": 9'))).to.throw(/version 9/);
    expect(bad(JSON.stringify({ ...model.meta, classes: ['ball', 'サッカーボール'] }))).to.throw(
      /should be level0\/classKernel/,
    );
    expect(bad(json, buffer.slice(0, 1000))).to.throw(/weights\.bin has 1000 bytes/);
    expect(() => trainedModelFromZip(new Uint8Array([1, 2, 3]))).to.throw(/not a readable \.zip/);
  });
});
