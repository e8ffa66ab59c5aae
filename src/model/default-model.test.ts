import { expect } from '@esm-bundle/chai';
import { loadTf } from '../shared/backend/backends.ts';
import { createDetector, type Detector } from './detector.ts';
import { evaluate, type ImageResult } from './evaluation.ts';
import { iou } from './geometry.ts';
import { BALL_MODEL_FOLDER, DEFAULT_THRESHOLD } from './model-variants.ts';
import { detectTiled, tileRects } from './tiled-detection.ts';

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

interface CocoFile {
  images: { id: number; file_name: string }[];
  annotations: { image_id: number; bbox: [number, number, number, number] }[];
}

describe('the default ball model', () => {
  let detector: Detector;
  let coco: CocoFile;
  before(async () => {
    detector = await createDetector({ backend: 'wasm' });
    coco = (await (await fetch('/datasets/sample/val.json')).json()) as CocoFile;
  });
  after(() => detector?.dispose());

  it('is the committed artifact: weights.bin matches the SHA-256 its recipe records', async () => {
    const recipe = await (await fetch(`/${BALL_MODEL_FOLDER}/RECIPE.json`)).json();
    const weights = await (await fetch(`/${BALL_MODEL_FOLDER}/weights.bin`)).arrayBuffer();
    expect(hex(await crypto.subtle.digest('SHA-256', weights))).to.equal(recipe.weightsSha256);
  });

  it('is what createDetector loads without a model, and on the procedural val set it beats stock COCO', async () => {
    expect(detector.labels).to.deep.equal(['ball']);
    const results: ImageResult[] = [];
    for (const image of coco.images) {
      const bitmap = await createImageBitmap(await (await fetch(`/datasets/sample/${image.file_name}`)).blob());
      const detections = await detector.detect(bitmap, { threshold: 0.05, maxDetections: 100 });
      bitmap.close();
      const truths = coco.annotations
        .filter((a) => a.image_id === image.id)
        .map((a) => ({ box: a.bbox, label: 'ball' }));
      results.push({ truths, detections });
    }
    const metrics = evaluate(results, { scoreThreshold: DEFAULT_THRESHOLD });
    // Stock COCO "sports ball" on these 16 photos: mAP@0.5 0.811, recall 0.257 at 0.5 (README).
    expect(metrics.mAP).to.be.greaterThan(0.9);
    expect(metrics.recall).to.be.greaterThan(0.7);
    expect(metrics.precision).to.be.greaterThan(0.9);
  });

  it('tiles cover the picture with overlap, and tiled detection maps boxes back to the picture', async () => {
    const rects = tileRects(640, 480, 2, 0.25);
    expect(rects).to.have.length(4);
    for (const [x, y, w, h] of rects) {
      expect(x + w).to.be.at.most(641);
      expect(y + h).to.be.at.most(481);
    }
    expect(rects[3]?.[0]).to.be.lessThan(rects[0]?.[2] as number);
    const tf = await loadTf();
    const image = coco.images[0] as CocoFile['images'][number];
    const bitmap = await createImageBitmap(await (await fetch(`/datasets/sample/${image.file_name}`)).blob());
    const before = tf.memory().numTensors;
    const whole = await detector.detect(bitmap, { threshold: 0.5 });
    const tiled = await detectTiled(detector, bitmap, { threshold: 0.5, grid: 2 });
    bitmap.close();
    expect(tf.memory().numTensors).to.equal(before);
    // Every ball the whole picture shows is still there, at the same place.
    for (const found of whole) expect(tiled.some((t) => iou(t.box, found.box) > 0.5)).to.equal(true);
  });
});
