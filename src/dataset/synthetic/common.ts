// Types and small helpers shared by the scene generator's modules.
import { Random } from '../../shared/random.ts';

export const BALL_KINDS = ['soccer', 'tennis', 'basketball', 'pingpong', 'baseball', 'volleyball', 'rubber'] as const;
export type BallKind = (typeof BALL_KINDS)[number];

export interface RenderedBall {
  kind: BallKind;
  /**
   * Box of the whole ball as a labeller would draw it (the hidden part of a held or occluded ball
   * included), clipped to the image: [x, y, w, h] pixels.
   */
  bbox: [number, number, number, number];
  /** Something in front hides part of the ball (a hand, a post, a net, another ball, a foot). */
  occluded: boolean;
  /** Motion blur or camera shake of at least a few pixels and about a tenth of the ball. */
  blurred: boolean;
  /** A hand holds it (fingers over the ball). */
  held: boolean;
  /** Part of the ball lies outside the frame. */
  cut: boolean;
  /** Diameter under 32 px (COCO's "small"). */
  small: boolean;
}

export interface RenderedScene {
  width: number;
  height: number;
  balls: RenderedBall[];
  jpeg: Blob;
}

export interface SceneOptions {
  /** Fraction of scenes with no ball at all (negative examples); look-alikes still appear. */
  negativeRate?: number;
  /** Force a ball-free scene. */
  negativeOnly?: boolean;
  maxBalls?: number;
  /** JPEG quality; by default each scene picks one between 0.5 and 0.93, as phones and apps vary. */
  quality?: number;
  /** Image size; by default a phone-like aspect ratio with the longest side 480–800 px. */
  width?: number;
  height?: number;
  /**
   * Another frame of the same scene: the same background, camera and balls, with the balls placed
   * elsewhere and a little nearer or farther.
   */
  frame?: number;
}

export type Context = OffscreenCanvasRenderingContext2D;
export type Vec3 = [number, number, number];
export type Lighting = 'sun' | 'shade' | 'indoor' | 'low';
export type StageKind = 'room' | 'classroom' | 'gym' | 'field' | 'street' | 'park' | 'closeup';

/** What the backdrop tells the rest of the scene: where the floor is and where the light comes from. */
export interface Stage {
  kind: StageKind;
  width: number;
  height: number;
  /** y of the horizon (vanishing line of the floor); negative when the camera looks down. */
  horizon: number;
  /** y where the floor starts in the picture (the wall's foot, or 0). */
  floorTop: number;
  /** Camera height above the floor, metres: with the horizon it gives the size of things on the floor. */
  cameraHeight: number;
  /** Focal length in pixels, and the x where the floor's lines meet. */
  focal: number;
  vanishX: number;
  outdoor: boolean;
  lighting: Lighting;
  /** Unit vector towards the main light, camera space (x right, y down, z towards the viewer). */
  light: Vec3;
  /** Wall area (above the floor) where clocks, lamps and signs hang: [top, bottom] y. */
  wall: [number, number];
}

/** Simple outlines of what an object covers, to tell which balls it hides and by how much. */
export type Shape =
  | { kind: 'circle'; x: number; y: number; r: number }
  | { kind: 'capsule'; x1: number; y1: number; x2: number; y2: number; r: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number };

export function inside(shape: Shape, x: number, y: number): boolean {
  switch (shape.kind) {
    case 'circle':
      return (x - shape.x) ** 2 + (y - shape.y) ** 2 <= shape.r ** 2;
    case 'rect':
      return x >= shape.x && x <= shape.x + shape.w && y >= shape.y && y <= shape.y + shape.h;
    case 'capsule': {
      const dx = shape.x2 - shape.x1;
      const dy = shape.y2 - shape.y1;
      const t = Math.max(0, Math.min(1, ((x - shape.x1) * dx + (y - shape.y1) * dy) / (dx * dx + dy * dy || 1)));
      return (x - shape.x1 - t * dx) ** 2 + (y - shape.y1 - t * dy) ** 2 <= shape.r ** 2;
    }
  }
}

/** One thing to draw, ordered far to near; `sub` orders the parts of one group (body, ball, fingers). */
export interface Item {
  depth: number;
  sub: number;
  draw(ctx: Context): void;
  /** What it hides of anything drawn before it. */
  shapes: Shape[];
  /** Index into the scene's balls when the item is a ball. */
  ball?: number;
  /** Works out `shapes` without drawing (see drawnItem). */
  measure?(): void;
  /** A net or mesh: what lies behind it inside this area is seen through it, but occluded. */
  net?: Shape;
}

let scratch: Context | undefined;

/**
 * An item whose outline is known only once drawn (its sizes are random). Its own random stream keeps
 * it identical in every frame, so `measure` can draw it on a 1×1 scratch canvas first, to know
 * what it hides before anything is drawn for real.
 */
export function drawnItem(depth: number, seed: number, draw: (ctx: Context, random: Random) => Shape[], sub = 0): Item {
  const item: Item = {
    depth,
    sub,
    shapes: [],
    draw(ctx) {
      item.shapes = draw(ctx, new Random(seed));
    },
    measure() {
      scratch ??= newCanvas(1, 1)[1];
      scratch.save();
      item.shapes = draw(scratch, new Random(seed));
      scratch.restore();
    },
  };
  return item;
}

export function hsl(h: number, s: number, l: number, a = 1): string {
  return `hsl(${h.toFixed(1)} ${s.toFixed(1)}% ${l.toFixed(1)}% / ${a.toFixed(3)})`;
}

export const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/** An independent random stream per purpose, so adding draws to one never shifts the others. */
export function stream(seed: number, index: number, salt: number): Random {
  let h = 0x811c9dc5;
  for (const n of [seed, index, salt]) {
    h = Math.imul(h ^ (n | 0), 0x01000193);
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 13;
  }
  return new Random(h >>> 0);
}

export function newCanvas(width: number, height: number): [OffscreenCanvas, Context] {
  const canvas = new OffscreenCanvas(Math.max(1, Math.ceil(width)), Math.max(1, Math.ceil(height)));
  return [canvas, canvas.getContext('2d', { willReadFrequently: true }) as Context];
}

/** A soft elliptical shadow, darkest at the centre (cheaper than a blur filter). */
export function softShadow(ctx: Context, x: number, y: number, rx: number, ry: number, alpha: number, hard = 0.3) {
  if (rx < 0.5 || ry < 0.2 || alpha <= 0) return;
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(1, ry / rx);
  const g = ctx.createRadialGradient(0, 0, 0, 0, 0, rx);
  g.addColorStop(0, `rgb(0 0 0 / ${alpha})`);
  g.addColorStop(hard, `rgb(0 0 0 / ${alpha * 0.85})`);
  g.addColorStop(1, 'rgb(0 0 0 / 0)');
  ctx.fillStyle = g;
  ctx.beginPath();
  ctx.arc(0, 0, rx, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}

/** Size of a thing `metres` tall standing on the floor at picture row `y`, in pixels. */
export function pixelsPerMetre(stage: Stage, y: number): number {
  return Math.max(0.5, (y - stage.horizon) / stage.cameraHeight);
}

/**
 * Darkens the picture away from (x, y): full light inside `inner`, `edge` (0–1) of it at `outer` and
 * beyond — how a lens vignettes and how a lamp or window lights a room.
 */
export function radialLight(
  ctx: Context,
  [x, y]: readonly [number, number],
  inner: number,
  outer: number,
  edge: number,
) {
  const g = ctx.createRadialGradient(x, y, inner, x, y, outer);
  g.addColorStop(0, 'rgb(255 255 255)');
  const v = Math.round(255 * edge);
  g.addColorStop(1, `rgb(${v} ${v} ${v})`);
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.restore();
}
