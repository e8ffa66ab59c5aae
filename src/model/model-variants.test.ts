import { expect } from '@esm-bundle/chai';
import type { Tensor } from '@tensorflow/tfjs';
import { loadTf } from '../shared/backend/backends.ts';
import { COCO_CLASSES, SPORTS_BALL } from './coco-classes.ts';
import { createDetector, type Detector } from './detector.ts';
import { type Detection, iou } from './geometry.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, modelFolder, modelUrl } from './model-variants.ts';
import { ACTIVATION_NODES, graphAnchors, headsFromGraph, isWholeCocoGraph, type LevelHeads } from './ssd-heads.ts';
import { fetchTrainedModel } from './trained-model.ts';

const FIXTURES = ['/datasets/sample/images/s1-00001.jpg', '/datasets/sample/images/s1-00008.jpg'];

interface GraphJson {
  modelTopology: { node: { name: string; op: string }[] };
  weightsManifest: {
    paths: string[];
    weights: { name: string; shape: number[]; quantization?: { dtype: string } }[];
  }[];
}

/** Each detection of `expected` has its counterpart in `actual` (the best-overlapping box), at about the same score. */
function expectClose(actual: Detection[], expected: Detection[], scoreTolerance: number, what: string) {
  expect(actual.length, `${what}: detections`).to.equal(expected.length);
  expected.forEach((other, i) => {
    const [best, overlap] = actual.reduce<[Detection | undefined, number]>(
      (found, detection) =>
        iou(detection.box, other.box) > found[1] ? [detection, iou(detection.box, other.box)] : found,
      [undefined, 0],
    );
    expect(overlap, `${what}: box ${i}`).to.be.at.least(0.85);
    expect(best?.score, `${what}: score ${i}`).to.be.closeTo(other.score, scoreTolerance);
  });
}

describe('the default weight variant', () => {
  let bitmaps: ImageBitmap[];

  before(async () => {
    bitmaps = await Promise.all(FIXTURES.map(async (url) => createImageBitmap(await (await fetch(url)).blob())));
  });

  after(() => {
    for (const bitmap of bitmaps) bitmap.close();
  });

  it('weighs at most 5 MB and holds only what the heads read, 8-bit where the layers tolerate it', async () => {
    const folder = `/${modelFolder(DEFAULT_MODEL_VARIANT)}`;
    const text = await (await fetch(`${folder}/model.json`)).text();
    const json = JSON.parse(text) as GraphJson;
    const shards = await Promise.all(
      json.weightsManifest
        .flatMap((group) => group.paths)
        .map(async (path) => (await fetch(`${folder}/${path}`)).blob()),
    );
    const bytes = text.length + shards.reduce((sum, shard) => sum + shard.size, 0);
    expect(bytes).to.be.at.most(5_000_000);
    const names = new Set(json.modelTopology.node.map((node) => node.name));
    for (const node of ACTIVATION_NODES) expect(names.has(node), node).to.equal(true);
    expect(names.has('Postprocessor/Slice')).to.equal(false);
    const weights = json.weightsManifest.flatMap((group) => group.weights);
    const count = (dtype: string) =>
      weights
        .filter((weight) => weight.quantization?.dtype === dtype)
        .reduce((sum, weight) => sum + weight.shape.reduce((a, b) => a * b, 1), 0);
    expect(count('uint8')).to.be.greaterThan(2 * count('float16'));
  });

  it('gives the heads what the whole float32 graph gives them: COCO columns, box weights, anchors', async () => {
    const tf = await loadTf();
    const [pruned, whole] = await Promise.all([tf.loadGraphModel(modelUrl()), tf.loadGraphModel(modelUrl('f32'))]);
    try {
      expect(isWholeCocoGraph(pruned)).to.equal(false);
      expect(isWholeCocoGraph(whole)).to.equal(true);
      const a = headsFromGraph(tf, pruned, 2);
      const b = headsFromGraph(tf, whole, 2);
      const anchors = [graphAnchors(tf, pruned), graphAnchors(tf, whole)];
      const pairs: [Tensor, Tensor][] = [
        ...a.flatMap((head, level) =>
          Object.entries(head).map(
            ([part, tensor]) => [tensor, b[level]?.[part as keyof LevelHeads]] as [Tensor, Tensor],
          ),
        ),
        anchors as [Tensor, Tensor],
      ];
      const gaps = tf.tidy(() => pairs.map(([x, y]) => x.sub(y).abs().max()));
      // Heads and anchors are float16 in the default variant: relative error ≤ 2⁻¹¹ of values below 4.
      for (const gap of gaps) expect((await gap.data())[0]).to.be.below(2e-3);
      tf.dispose([...gaps, ...anchors, ...a.flatMap((h) => Object.values(h)), ...b.flatMap((h) => Object.values(h))]);
    } finally {
      pruned.dispose();
      whole.dispose();
    }
  });

  it('detects within tolerance of float32: the ball model and stock "sports ball"', async () => {
    const ball = await fetchTrainedModel(ballModelUrl());
    const pairs: [string, Detector, Detector][] = [
      [
        'ball model',
        await createDetector({ backend: 'wasm' }),
        await createDetector({ backend: 'wasm', model: { ...ball, meta: { ...ball.meta, base: 'f32' } } }),
      ],
      [
        'stock COCO',
        await createDetector({ backend: 'wasm', model: 'coco' }),
        await createDetector({ backend: 'wasm', model: modelUrl('f32') }),
      ],
    ];
    try {
      for (const [what, small, reference] of pairs) {
        for (const [i, bitmap] of bitmaps.entries()) {
          const expected = await reference.detect(bitmap, { threshold: 0.3 });
          expect(expected.length, `${what}, image ${i}`).to.be.at.least(2);
          expectClose(await small.detect(bitmap, { threshold: 0.3 }), expected, 0.04, `${what}, image ${i}`);
        }
      }
    } finally {
      for (const [, small, reference] of pairs) {
        small.dispose();
        reference.dispose();
      }
    }
  });

  it('loads and disposes without leaking tensors; stock COCO loads the whole graph for other classes', async () => {
    const tf = await loadTf();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const ball = await createDetector({ backend: 'wasm' });
    await ball.detect(bitmaps[0] as ImageBitmap);
    ball.dispose();
    expect(tf.memory().numTensors).to.equal(before);

    const stock = await createDetector({ backend: 'wasm', model: 'coco' });
    try {
      const balls = await stock.detect(bitmaps[0] as ImageBitmap, { threshold: 0.3 });
      expect(stock.labels).to.deep.equal([SPORTS_BALL]);
      const all = await stock.detect(bitmaps[0] as ImageBitmap, { classes: 'all', threshold: 0.3 });
      expect(stock.labels).to.equal(COCO_CLASSES);
      // The same balls, now from the whole float16 graph.
      expectClose(
        all.filter((detection) => detection.label === SPORTS_BALL),
        balls,
        0.03,
        'whole graph',
      );
    } finally {
      stock.dispose();
    }
    expect(tf.memory().numTensors).to.equal(before);
  });
});
