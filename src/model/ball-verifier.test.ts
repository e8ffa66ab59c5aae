import { expect } from '@esm-bundle/chai';
import { loadTf } from '../shared/backend/backends.ts';
import { decodeVerifier, encodeVerifier, VERIFIER_FEATURES, type VerifierWeights } from './ball-verifier.ts';
import { createDetector, type Detector } from './detector.ts';
import { iou } from './geometry.ts';

const LOOKALIKE = '/datasets/lookalikes/images/astronaut-face.jpg';
const BALLS = '/datasets/sample/images/s1-00001.jpg';

async function bitmapOf(url: string): Promise<ImageBitmap> {
  return createImageBitmap(await (await fetch(url)).blob());
}

function weights(hidden: number): VerifierWeights {
  const ramp = (length: number) => Float32Array.from({ length }, (_, i) => (i % 7) / 7 - 0.5);
  return {
    hidden,
    mean: ramp(VERIFIER_FEATURES),
    scale: ramp(VERIFIER_FEATURES),
    kernel: ramp(VERIFIER_FEATURES * hidden),
    bias: ramp(hidden),
    out: ramp(hidden),
    outBias: 0.25,
  };
}

describe('the ball verifier', () => {
  let verified: Detector;
  let plain: Detector;
  before(async () => {
    verified = await createDetector({ backend: 'wasm' });
    plain = await createDetector({ backend: 'wasm', verifier: false });
  });
  after(() => {
    verified?.dispose();
    plain?.dispose();
  });

  it('reads back the weights it writes, and refuses a file of another shape', () => {
    const original = weights(3);
    const back = decodeVerifier(encodeVerifier(original));
    expect(back.hidden).to.equal(3);
    expect(Array.from(back.kernel)).to.deep.equal(Array.from(original.kernel));
    expect(back.outBias).to.equal(0.25);
    const file = JSON.parse(encodeVerifier(original));
    expect(() => decodeVerifier(JSON.stringify({ ...file, hidden: 4 }))).to.throw('wrong size');
    expect(() => decodeVerifier(JSON.stringify({ ...file, crop: 96 }))).to.throw('not a tama-lab-verifier/1');
  });

  it('is on for the default model, and only ever lowers a box score', async () => {
    expect(verified.verified).to.equal(true);
    expect(plain.verified).to.equal(false);
    const bitmap = await bitmapOf(BALLS);
    try {
      const before = await plain.detect(bitmap, { threshold: 0.05 });
      const after = await verified.detect(bitmap, { threshold: 0.05 });
      expect(after.length).to.be.at.least(2, 'the sample balls survive the second look');
      for (const box of after) {
        const same = before.find((other) => iou(other.box, box.box) > 0.99);
        expect(same, 'every verified box is one the detector proposed').to.not.equal(undefined);
        expect(box.score).to.be.at.most((same?.score ?? 0) + 1e-6);
      }
    } finally {
      bitmap.close();
    }
  });

  it('lowers the boxes it doubts on a ball-free photo, without leaking tensors', async () => {
    const tf = await loadTf();
    const bitmap = await bitmapOf(LOOKALIKE);
    try {
      const alone = await plain.detect(bitmap, { threshold: 0.05 });
      const start = tf.memory().numTensors;
      const checked = await verified.detect(bitmap, { threshold: 0.05 });
      expect(tf.memory().numTensors).to.equal(start);
      const total = (list: { score: number }[]) => list.reduce((sum, d) => sum + d.score, 0);
      expect(total(checked)).to.be.lessThan(total(alone) - 0.05, 'some proposal on a ball-free photo was doubted');
      const described = await verified.describeBoxes(
        bitmap,
        alone.map((d) => d.box),
      );
      expect(described.length).to.equal(alone.length * VERIFIER_FEATURES);
      expect(described.every(Number.isFinite)).to.equal(true);
      expect(tf.memory().numTensors).to.equal(start);
    } finally {
      bitmap.close();
    }
  });

  it('judges a photo shown smaller than its own size (an <img>) as it judges the photo itself', async () => {
    // fromPixels reads an <img> at its displayed size while boxes are in the photo's own pixels.
    const image = new Image(320, 240);
    image.src = BALLS;
    await image.decode();
    const bitmap = await bitmapOf(BALLS);
    try {
      const shown = await verified.detect(image, { threshold: 0.3 });
      const own = await verified.detect(bitmap, { threshold: 0.3 });
      expect(own.length).to.be.at.least(2);
      expect(shown.length).to.equal(own.length);
    } finally {
      bitmap.close();
    }
  });
});
