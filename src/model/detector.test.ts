import { expect } from '@esm-bundle/chai';
import { BACKENDS, type BackendName, loadTf } from '../shared/backend/backends.ts';
import { createDetector, type Detector } from './detector.ts';
import { type Detection, iou } from './geometry.ts';
import { type ModelVariant, modelFolder } from './model-variants.ts';

// Procedural ball photos from the sample dataset (datasets/sample), each with two balls the stock
// COCO model finds with a clear score.
const FIXTURES = ['/datasets/sample/images/s1-00001.jpg', '/datasets/sample/images/s1-00008.jpg'];

async function loadBitmap(url: string): Promise<ImageBitmap> {
  return createImageBitmap(await (await fetch(url)).blob());
}

describe('detector', () => {
  const results = new Map<BackendName, Detection[][]>();
  let bitmaps: ImageBitmap[];

  before(async () => {
    bitmaps = await Promise.all(FIXTURES.map(loadBitmap));
  });

  after(() => {
    for (const bitmap of bitmaps) bitmap.close();
  });

  // CPU first: it is the reference the GPU and WASM kernels are compared with.
  for (const backend of ['cpu', ...BACKENDS.filter((name) => name !== 'cpu')] as BackendName[]) {
    it(`finds the fixture balls on ${backend}, without leaking tensors`, async () => {
      const tf = await loadTf();
      const detector = await createDetector({ backend, model: 'coco' });
      try {
        expect(detector.backend).to.equal(backend);
        const perImage: Detection[][] = [];
        for (const bitmap of bitmaps) perImage.push(await detector.detect(bitmap, { threshold: 0.4 }));
        // Same call again: no tensor may survive a detect() call. (The first call may keep what the graph
        // caches once: WASM and the CPU are not warmed up when the detector is made.)
        const before = tf.memory().numTensors;
        await detector.detect(bitmaps[0] as ImageBitmap, { threshold: 0.4 });
        expect(tf.memory().numTensors).to.equal(before);
        for (const detections of perImage) {
          expect(detections.length).to.be.at.least(2);
          for (const { label, box } of detections) {
            expect(label).to.equal('sports ball');
            expect(box[2]).to.be.greaterThan(0);
            expect(box[3]).to.be.greaterThan(0);
          }
        }
        results.set(backend, perImage);
      } finally {
        detector.dispose();
      }
    });
  }

  it('gives the same boxes (IoU ≥ 0.9) and scores (± 0.02) on every backend', function () {
    const reference = results.get('cpu');
    if (!reference || results.size < BACKENDS.length) this.skip();
    for (const [backend, perImage] of results) {
      perImage.forEach((detections, image) => {
        const expected = reference?.[image] ?? [];
        expect(detections.length, `${backend}, image ${image}`).to.equal(expected.length);
        detections.forEach((detection, i) => {
          const other = expected[i] as Detection;
          expect(iou(detection.box, other.box), `${backend} box ${i}`).to.be.at.least(0.9);
          expect(detection.score, `${backend} score ${i}`).to.be.closeTo(other.score, 0.02);
        });
      });
    }
  });

  it('the fused graph and the float16 weights match the pristine COCO-SSD files', async () => {
    const reference = await createDetector({ backend: 'wasm', model: '/models-cache/coco-ssd/model.json' });
    const expected = await reference.detect(bitmaps[0] as ImageBitmap, { threshold: 0.2 });
    reference.dispose();
    expect(expected.length).to.be.at.least(2);
    for (const variant of ['f32', 'f16']) {
      const detector = await createDetector({
        backend: 'wasm',
        model: `/${modelFolder(variant as ModelVariant)}/model.json`,
      });
      const actual = await detector.detect(bitmaps[0] as ImageBitmap, { threshold: 0.2 });
      detector.dispose();
      expect(actual.length, variant).to.equal(expected.length);
      actual.forEach((detection, i) => {
        const other = expected[i] as Detection;
        expect(iou(detection.box, other.box), `${variant} box ${i}`).to.be.at.least(0.98);
        expect(detection.score, `${variant} score ${i}`).to.be.closeTo(other.score, variant === 'f32' ? 1e-4 : 0.01);
      });
    }
  });

  describe('on one loaded model', () => {
    let detector: Detector;

    before(async () => {
      detector = await createDetector({ backend: 'wasm', model: 'coco' });
    });

    after(() => detector.dispose());

    it('maps boxes to source pixels for landscape and portrait inputs alike', async () => {
      const landscape = bitmaps[0] as ImageBitmap;
      // The same picture rotated a quarter turn: the boxes must rotate with it.
      const canvas = new OffscreenCanvas(landscape.height, landscape.width);
      const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.translate(landscape.height, 0);
      ctx.rotate(Math.PI / 2);
      ctx.drawImage(landscape, 0, 0);
      const upright = await detector.detect(landscape);
      const rotated = await detector.detect(canvas);
      expect(rotated.length).to.equal(upright.length);
      for (const detection of upright) {
        const [x, y, w, h] = detection.box;
        // A point (x, y) lands at (H − y, x) after the turn, so the box becomes [H − y − h, x, h, w].
        const expected: Detection['box'] = [landscape.height - y - h, x, h, w];
        const best = Math.max(...rotated.map((other) => iou(other.box, expected)));
        expect(best).to.be.at.least(0.8);
      }
    });

    it('reports any subset of the 90 classes and rejects unknown ones', async () => {
      const all = await detector.detect(bitmaps[0] as ImageBitmap, { classes: 'all', threshold: 0.2 });
      expect(all.some((d) => d.label === 'sports ball')).to.equal(true);
      const none = await detector.detect(bitmaps[0] as ImageBitmap, { classes: ['giraffe'], threshold: 0.5 });
      expect(none).to.deep.equal([]);
      let error: unknown;
      try {
        await detector.detect(bitmaps[0] as ImageBitmap, { classes: ['unicorn'] });
      } catch (caught) {
        error = caught;
      }
      expect(String(error)).to.contain('unicorn');
    });

    it('honours the score threshold', async () => {
      const loose = await detector.detect(bitmaps[0] as ImageBitmap, { threshold: 0.05 });
      const strict = await detector.detect(bitmaps[0] as ImageBitmap, { threshold: 0.9 });
      expect(loose.length).to.be.greaterThan(strict.length);
      for (const detection of strict) expect(detection.score).to.be.at.least(0.9);
    });
  });
});
