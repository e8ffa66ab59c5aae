import { expect } from '@esm-bundle/chai';
import { BALL_KINDS, type RenderedScene, renderScene } from './render-scene.ts';

async function pixels(jpeg: Blob): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(jpeg);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

/** Bytes that differ, counted in a loop: chai's deep equality on megabyte arrays hangs the runner. */
function differing(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

describe('procedural ball scenes', () => {
  const seed = 11;
  const scenes: RenderedScene[] = [];
  const times: number[] = [];

  before(async () => {
    for (let index = 0; index < 50; index++) {
      const started = performance.now();
      scenes.push(await renderScene(seed, index));
      times.push(performance.now() - started);
    }
  });

  it('renders identical pixels for the same seed and index', async () => {
    for (const index of [0, 1, 2]) {
      const again = await renderScene(seed, index);
      const first = scenes[index] as RenderedScene;
      expect(again.balls).to.deep.equal(first.balls);
      expect(differing(await pixels(again.jpeg), await pixels(first.jpeg))).to.equal(0);
    }
  });

  it('renders different pixels for another index or seed', async () => {
    const a = await pixels((scenes[0] as RenderedScene).jpeg);
    const other = await renderScene(seed + 1, 0, { width: scenes[0]?.width, height: scenes[0]?.height });
    const sameSize = await renderScene(seed, 1, { width: scenes[0]?.width, height: scenes[0]?.height });
    expect(differing(a, await pixels(other.jpeg))).to.be.greaterThan(a.length / 4);
    expect(differing(a, await pixels(sameSize.jpeg))).to.be.greaterThan(a.length / 4);
  });

  it('sizes images like phone photos', () => {
    for (const scene of scenes) {
      const [long, short] = [Math.max(scene.width, scene.height), Math.min(scene.width, scene.height)];
      expect(long).to.be.within(480, 800);
      expect([1, 4 / 3, 16 / 9].some((ratio) => Math.abs(long / short - ratio) < 0.02)).to.equal(true);
    }
  });

  it('keeps every ball box inside the image and non-empty', () => {
    for (const scene of scenes)
      for (const { bbox } of scene.balls) {
        const [x, y, w, h] = bbox;
        expect(w).to.be.greaterThan(2);
        expect(h).to.be.greaterThan(2);
        expect(x).to.be.at.least(0);
        expect(y).to.be.at.least(0);
        expect(x + w).to.be.at.most(scene.width + 0.05);
        expect(y + h).to.be.at.most(scene.height + 0.05);
      }
  });

  it('flags boxes truthfully: small ones small, uncut sharp ones (nearly) square', () => {
    for (const scene of scenes)
      for (const ball of scene.balls) {
        const [, , w, h] = ball.bbox;
        if (ball.small && !ball.blurred) expect(Math.max(w, h)).to.be.below(33);
        // A slight smear below the "blurred" threshold still widens the box a little along the motion.
        if (!ball.cut && !ball.blurred) expect(Math.abs(w - h)).to.be.at.most(Math.max(1.6, 0.07 * Math.max(w, h)));
      }
  });

  it('renders no ball in a negative-only scene, and honours a given size', async () => {
    for (const index of [0, 5, 9]) {
      const scene = await renderScene(3, index, { negativeOnly: true, width: 320, height: 240 });
      expect(scene.balls).to.have.length(0);
      expect([scene.width, scene.height]).to.deep.equal([320, 240]);
    }
  });

  it('covers every kind, ball-free scenes and held, small, cut, occluded and blurred balls', () => {
    const balls = scenes.flatMap((scene) => scene.balls);
    expect(new Set(balls.map((ball) => ball.kind))).to.have.keys([...BALL_KINDS]);
    const free = scenes.filter((scene) => scene.balls.length === 0).length;
    expect(free).to.be.within(5, 25);
    expect(scenes.some((scene) => scene.balls.length >= 2)).to.equal(true);
    for (const flag of ['held', 'small', 'cut', 'occluded', 'blurred'] as const)
      expect(balls.filter((ball) => ball[flag]).length, flag).to.be.greaterThan(0);
  });

  it('keeps the same balls in another frame of a scene', async () => {
    for (const index of [0, 1, 2, 3]) {
      const a = await renderScene(77, index, { maxBalls: 1, negativeRate: 0, frame: 0 });
      const b = await renderScene(77, index, { maxBalls: 1, negativeRate: 0, frame: 1 });
      if (a.balls[0] && b.balls[0]) expect(b.balls[0].kind).to.equal(a.balls[0].kind);
      expect([b.width, b.height]).to.deep.equal([a.width, a.height]);
    }
  });

  it('renders within a time budget (reported)', () => {
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    const worst = sorted[sorted.length - 1] as number;
    console.log(
      `renderScene: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms over ${times.length} scenes`,
    );
    expect(median).to.be.below(250);
  });
});
