// Procedural phone photos of balls for training and tests: a backdrop (room, classroom, gym, pitch,
// street, park, floor from above) with furniture and people, balls of every common kind held,
// kicked, flying, lying, hidden or cut by the frame, round look-alikes that must not be called
// balls, then the phone camera's exposure, noise, blur and JPEG. Every pixel is drawn here (CC0),
// and the same (seed, index, options) always gives the same pixels.
import type { Random } from '../../shared/random.ts';
import { develop, pickCamera } from './camera.ts';
import {
  type Context,
  type Item,
  inside,
  newCanvas,
  type RenderedBall,
  type RenderedScene,
  radialLight,
  type SceneOptions,
  type Stage,
  stream,
} from './common.ts';
import { placeLookalikes } from './negatives.ts';
import { placeBalls } from './placement.ts';
import { drawStage, pickStage } from './stage.ts';

export { BALL_KINDS, type BallKind, type RenderedBall, type RenderedScene, type SceneOptions } from './common.ts';

const ASPECTS: readonly [number, number][] = [
  [4, 3],
  [4, 3],
  [3, 4],
  [3, 4],
  [16, 9],
  [9, 16],
  [1, 1],
];

function pickSize(random: Random): [number, number] {
  const [a, b] = random.pick(ASPECTS);
  const long = random.pick([480, 512, 576, 640, 640, 720, 800]);
  return a >= b ? [long, Math.round((long * b) / a)] : [Math.round((long * a) / b), long];
}

/** Sunflower points filling the unit disc evenly: samples to measure how much of a ball shows. */
const SAMPLES: [number, number][] = Array.from({ length: 96 }, (_, i) => {
  const d = Math.sqrt((i + 0.5) / 96);
  const a = i * 2.399963;
  return [Math.cos(a) * d, Math.sin(a) * d];
});

interface Visibility {
  /** Fraction of the disc inside the frame and not hidden. */
  visible: number;
  occluded: boolean;
  cut: boolean;
}

/**
 * What the items drawn after a ball cover of it, read from their pixels: drawing them on a transparent
 * canvas around the ball catches every occluder, also ones whose outline (`shapes`) is incomplete.
 * Items draw from their own seeded streams, so this is exactly what the real drawing will cover.
 */
function coverMask(cx: number, cy: number, r: number, later: Item[]): (x: number, y: number) => boolean {
  const x0 = Math.floor(cx - r);
  const y0 = Math.floor(cy - r);
  const size = Math.ceil(2 * r) + 2;
  const [, mask] = newCanvas(size, size);
  mask.translate(-x0, -y0);
  for (const item of later) item.draw(mask);
  const alpha = mask.getImageData(0, 0, size, size).data;
  return (x, y) => {
    const [u, v] = [Math.floor(x) - x0, Math.floor(y) - y0];
    return u >= 0 && v >= 0 && u < size && v < size && (alpha[(v * size + u) * 4 + 3] as number) >= 128;
  };
}

function visibility(cx: number, cy: number, r: number, later: Item[], stage: Stage): Visibility {
  let inFrame = 0;
  let covered = 0;
  let net = false;
  const hidden = coverMask(cx, cy, r, later);
  for (const [u, v] of SAMPLES) {
    const [x, y] = [cx + u * r, cy + v * r];
    if (x < 0 || y < 0 || x >= stage.width || y >= stage.height) continue;
    inFrame++;
    if (hidden(x, y) || later.some((item) => item.shapes.some((s) => inside(s, x, y)))) covered++;
    else if (later.some((item) => item.net && inside(item.net, x, y))) net = true;
  }
  const cut = cx - r < 0 || cy - r < 0 || cx + r > stage.width || cy + r > stage.height;
  return {
    visible: (inFrame - covered) / SAMPLES.length,
    occluded: net || covered / Math.max(1, inFrame) >= 0.06,
    cut,
  };
}

/** Uneven light across the scene: brighter near a lamp or window, falling off away from it. */
function illumination(ctx: Context, random: Random, stage: Stage) {
  const { width, height } = stage;
  const [x, y] = [random.range(0, width), random.range(-0.3, 0.6) * height];
  const reach = Math.hypot(width, height) * random.range(0.6, 1.2);
  radialLight(ctx, [x, y], 0, reach, stage.lighting === 'sun' ? random.range(0.85, 1) : random.range(0.55, 0.9));
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Renders scene number `index` of the dataset seeded by `seed`. */
export async function renderScene(seed: number, index: number, options: SceneOptions = {}): Promise<RenderedScene> {
  const { negativeRate = 0.25, maxBalls = 4, frame } = options;
  const scene = stream(seed, index, 1);
  const [width, height] = options.width && options.height ? [options.width, options.height] : pickSize(scene);
  const [canvas, ctx] = newCanvas(width, height);
  const stage = pickStage(scene, width, height);
  const backdrop = drawStage(ctx, stream(seed, index, 2), stage);

  const ballRandom = stream(seed, index, 3);
  const negative = options.negativeOnly || ballRandom.chance(negativeRate);
  const count = negative ? 0 : Math.min(maxBalls, ballRandom.pick([1, 1, 1, 1, 1, 2, 2, 2, 3, 4]));
  const place = stream(seed, index, frame === undefined ? 4 : 1000 + frame);
  const placed = placeBalls(ballRandom, place, stage, count, frame !== undefined);
  const lookRandom = stream(seed, index, 5);
  const extras = placeLookalikes(lookRandom, stage, negative ? lookRandom.int(2, 7) : lookRandom.int(1, 5));

  const items = [...backdrop, ...placed.items, ...extras].sort((a, b) => a.depth - b.depth || a.sub - b.sub);
  for (const item of items) item.measure?.();
  // A ball hidden more than a labeller could make out is not drawn at all (and not labelled).
  const seen = new Map<number, Visibility>();
  for (const [i, item] of items.entries()) {
    if (item.ball === undefined) continue;
    const ball = placed.balls[item.ball];
    if (!ball) continue;
    const v = visibility(ball.cx, ball.cy, ball.r, items.slice(i + 1), stage);
    if (v.visible >= 0.3 && ball.r * 2 >= 8) seen.set(item.ball, v);
  }
  for (const item of items) if (item.ball === undefined || seen.has(item.ball)) item.draw(ctx);

  illumination(ctx, stream(seed, index, 6), stage);
  const look = pickCamera(stream(seed, index, 7), stage.lighting);
  develop(canvas, ctx, look, stream(seed, index, 8));

  const balls: RenderedBall[] = [];
  placed.balls.forEach((ball, i) => {
    const v = seen.get(i);
    if (!v) return;
    const [mx, my] = ball.motion ? [Math.abs(ball.motion.dx) / 4, Math.abs(ball.motion.dy) / 4] : [0, 0];
    const left = Math.max(0, ball.cx - ball.r - mx);
    const top = Math.max(0, ball.cy - ball.r - my);
    const right = Math.min(width, ball.cx + ball.r + mx);
    const bottom = Math.min(height, ball.cy + ball.r + my);
    const smear = Math.max(ball.motion ? Math.hypot(ball.motion.dx, ball.motion.dy) : 0, look.shake);
    balls.push({
      kind: ball.kind,
      bbox: [round(left), round(top), round(right - left), round(bottom - top)],
      occluded: v.occluded,
      blurred: smear >= Math.max(3, 0.12 * 2 * ball.r),
      held: ball.held,
      cut: v.cut,
      small: ball.r * 2 < 32,
    });
  });
  const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: options.quality ?? look.quality });
  return { width, height, balls, jpeg };
}
