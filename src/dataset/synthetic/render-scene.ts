// Procedural ball photos for the sample dataset and test fixtures: shaded balls of several sports on
// varied backgrounds, with shadows, motion blur, partial occlusion and many sizes. Every pixel is
// drawn here, so the images carry no third-party rights.
import { Random } from '../../shared/random.ts';

export const BALL_KINDS = ['soccer', 'tennis', 'basketball', 'pingpong', 'baseball', 'volleyball'] as const;
export type BallKind = (typeof BALL_KINDS)[number];

export interface RenderedBall {
  kind: BallKind;
  /** Tight box around the ball's disc, clipped to the image: [x, y, w, h] pixels. */
  bbox: [number, number, number, number];
  occluded: boolean;
  blurred: boolean;
}

export interface RenderedScene {
  width: number;
  height: number;
  balls: RenderedBall[];
  jpeg: Blob;
}

type Context = OffscreenCanvasRenderingContext2D;

const SIZES: readonly [number, number][] = [
  [640, 480],
  [480, 640],
  [800, 600],
  [512, 512],
  [720, 405],
];

function drawBackground(ctx: Context, random: Random, width: number, height: number) {
  const horizon = height * random.range(0.25, 0.6);
  const style = random.pick(['grass', 'floor', 'court', 'wall', 'table'] as const);
  const sky = ctx.createLinearGradient(0, 0, 0, horizon);
  sky.addColorStop(0, `hsl(${random.int(190, 220)} 60% ${random.int(55, 80)}%)`);
  sky.addColorStop(1, `hsl(${random.int(30, 220)} 20% ${random.int(70, 92)}%)`);
  ctx.fillStyle = style === 'wall' ? `hsl(${random.int(0, 360)} ${random.int(5, 30)}% ${random.int(55, 88)}%)` : sky;
  ctx.fillRect(0, 0, width, height);
  const groundHue = {
    grass: random.int(85, 130),
    floor: random.int(20, 40),
    court: random.int(0, 30),
    wall: random.int(20, 40),
    table: random.int(140, 220),
  }[style];
  const ground = ctx.createLinearGradient(0, horizon, 0, height);
  ground.addColorStop(0, `hsl(${groundHue} ${random.int(25, 55)}% ${random.int(25, 45)}%)`);
  ground.addColorStop(1, `hsl(${groundHue} ${random.int(30, 65)}% ${random.int(35, 60)}%)`);
  ctx.fillStyle = ground;
  ctx.fillRect(0, horizon, width, height - horizon);
  // Texture: blades of grass, planks or court lines, so the ground is not a flat colour.
  ctx.save();
  if (style === 'grass') {
    for (let i = 0; i < 900; i++) {
      const x = random.range(0, width);
      const y = random.range(horizon, height);
      ctx.strokeStyle = `hsla(${groundHue + random.int(-15, 15)} 50% ${random.int(20, 55)}% / 0.5)`;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + random.range(-2, 2), y - random.range(2, 7));
      ctx.stroke();
    }
  } else if (style === 'floor' || style === 'table') {
    const planks = random.int(5, 12);
    for (let i = 0; i <= planks; i++) {
      ctx.strokeStyle = 'rgb(0 0 0 / 0.18)';
      ctx.lineWidth = random.range(1, 3);
      const x = (i / planks) * width;
      ctx.beginPath();
      ctx.moveTo(width / 2 + (x - width / 2) * 0.3, horizon);
      ctx.lineTo(x, height);
      ctx.stroke();
    }
  } else if (style === 'court') {
    ctx.strokeStyle = 'rgb(255 255 255 / 0.85)';
    ctx.lineWidth = random.range(3, 6);
    ctx.beginPath();
    ctx.moveTo(0, random.range(horizon, height));
    ctx.lineTo(width, random.range(horizon, height));
    ctx.stroke();
  }
  // Distractors: boxes and poles, not round, so they are honest negatives.
  for (let i = random.int(0, 3); i > 0; i--) {
    ctx.fillStyle = `hsl(${random.int(0, 360)} ${random.int(10, 60)}% ${random.int(20, 75)}%)`;
    const w = random.range(0.05, 0.25) * width;
    const h = random.range(0.05, 0.4) * height;
    ctx.fillRect(random.range(-w / 2, width), random.range(0, height - h), w, h);
  }
  // Sensor noise.
  const image = ctx.getImageData(0, 0, width, height);
  for (let i = 0; i < image.data.length; i += 4) {
    const noise = (random.next() - 0.5) * 14;
    image.data[i] = (image.data[i] as number) + noise;
    image.data[i + 1] = (image.data[i + 1] as number) + noise;
    image.data[i + 2] = (image.data[i + 2] as number) + noise;
  }
  ctx.putImageData(image, 0, 0);
  ctx.restore();
}

function polygon(ctx: Context, cx: number, cy: number, radius: number, sides: number, rotation: number) {
  ctx.beginPath();
  for (let i = 0; i < sides; i++) {
    const angle = rotation + (i * 2 * Math.PI) / sides;
    ctx.lineTo(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
  }
  ctx.closePath();
}

function drawBallPattern(ctx: Context, random: Random, kind: BallKind, r: number) {
  const rotation = random.range(0, Math.PI * 2);
  switch (kind) {
    case 'soccer': {
      ctx.fillStyle = '#f4f4f0';
      ctx.fillRect(-r, -r, 2 * r, 2 * r);
      ctx.fillStyle = '#161616';
      polygon(ctx, 0, 0, r * 0.36, 5, rotation);
      ctx.fill();
      for (let i = 0; i < 5; i++) {
        const angle = rotation + Math.PI / 5 + (i * 2 * Math.PI) / 5;
        polygon(ctx, Math.cos(angle) * r * 0.92, Math.sin(angle) * r * 0.92, r * 0.3, 5, angle + Math.PI);
        ctx.fill();
      }
      ctx.strokeStyle = 'rgb(60 60 60 / 0.7)';
      ctx.lineWidth = Math.max(1, r * 0.03);
      for (let i = 0; i < 5; i++) {
        const angle = rotation + (i * 2 * Math.PI) / 5;
        ctx.beginPath();
        ctx.moveTo(Math.cos(angle) * r * 0.36, Math.sin(angle) * r * 0.36);
        ctx.lineTo(Math.cos(angle) * r * 0.75, Math.sin(angle) * r * 0.75);
        ctx.stroke();
      }
      break;
    }
    case 'tennis': {
      ctx.fillStyle = `hsl(${random.int(62, 72)} 85% ${random.int(50, 58)}%)`;
      ctx.fillRect(-r, -r, 2 * r, 2 * r);
      ctx.strokeStyle = '#f7f7ee';
      ctx.lineWidth = Math.max(1.5, r * 0.09);
      ctx.rotate(rotation);
      ctx.beginPath();
      ctx.arc(-r * 1.25, 0, r * 0.95, -Math.PI / 2.4, Math.PI / 2.4);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(r * 1.25, 0, r * 0.95, Math.PI - Math.PI / 2.4, Math.PI + Math.PI / 2.4);
      ctx.stroke();
      break;
    }
    case 'basketball': {
      ctx.fillStyle = `hsl(${random.int(18, 28)} 80% ${random.int(42, 52)}%)`;
      ctx.fillRect(-r, -r, 2 * r, 2 * r);
      ctx.strokeStyle = '#1b1410';
      ctx.lineWidth = Math.max(1, r * 0.05);
      ctx.rotate(rotation);
      ctx.beginPath();
      ctx.moveTo(-r, 0);
      ctx.lineTo(r, 0);
      ctx.moveTo(0, -r);
      ctx.lineTo(0, r);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(-r * 1.1, 0, r * 0.75, -Math.PI / 2, Math.PI / 2);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(r * 1.1, 0, r * 0.75, Math.PI / 2, (3 * Math.PI) / 2);
      ctx.stroke();
      break;
    }
    case 'pingpong': {
      ctx.fillStyle = random.chance(0.5) ? '#fbfbf8' : '#ff8a1f';
      ctx.fillRect(-r, -r, 2 * r, 2 * r);
      break;
    }
    case 'baseball': {
      ctx.fillStyle = '#f3efe4';
      ctx.fillRect(-r, -r, 2 * r, 2 * r);
      ctx.strokeStyle = '#c8202a';
      ctx.lineWidth = Math.max(1, r * 0.05);
      ctx.setLineDash([Math.max(2, r * 0.08), Math.max(2, r * 0.06)]);
      ctx.rotate(rotation);
      ctx.beginPath();
      ctx.arc(-r * 1.3, 0, r, -Math.PI / 3, Math.PI / 3);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(r * 1.3, 0, r, (2 * Math.PI) / 3, (4 * Math.PI) / 3);
      ctx.stroke();
      ctx.setLineDash([]);
      break;
    }
    case 'volleyball': {
      const colours = ['#f7f4e8', random.pick(['#1d4ed8', '#facc15', '#16a34a'])];
      ctx.rotate(rotation);
      for (let i = 0; i < 6; i++) {
        ctx.fillStyle = colours[i % 2] as string;
        ctx.beginPath();
        ctx.moveTo(0, 0);
        ctx.arc(0, 0, r * 1.5, (i * Math.PI) / 3, ((i + 1) * Math.PI) / 3);
        ctx.closePath();
        ctx.fill();
      }
      break;
    }
  }
}

function drawBall(ctx: Context, random: Random, kind: BallKind, cx: number, cy: number, r: number, blur: number) {
  // Shadow on the ground, below and slightly to the side of the light.
  ctx.save();
  ctx.filter = `blur(${Math.max(1, r * 0.15)}px)`;
  ctx.fillStyle = 'rgb(0 0 0 / 0.35)';
  ctx.beginPath();
  ctx.ellipse(cx + r * 0.25, cy + r * 0.92, r * 0.95, r * 0.22, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();

  ctx.save();
  if (blur > 0) ctx.filter = `blur(${blur}px)`;
  ctx.translate(cx, cy);
  ctx.beginPath();
  ctx.arc(0, 0, r, 0, Math.PI * 2);
  ctx.clip();
  ctx.save();
  drawBallPattern(ctx, random, kind, r);
  ctx.restore();
  // Lighting: a soft highlight towards the light and a darker limb, which makes the disc read as a sphere.
  const lightX = -r * random.range(0.2, 0.5);
  const lightY = -r * random.range(0.2, 0.5);
  const highlight = ctx.createRadialGradient(lightX, lightY, r * 0.05, lightX, lightY, r * 1.1);
  highlight.addColorStop(0, 'rgb(255 255 255 / 0.55)');
  highlight.addColorStop(1, 'rgb(255 255 255 / 0)');
  ctx.fillStyle = highlight;
  ctx.fillRect(-r, -r, 2 * r, 2 * r);
  const limb = ctx.createRadialGradient(lightX * 0.5, lightY * 0.5, r * 0.4, 0, 0, r * 1.05);
  limb.addColorStop(0, 'rgb(0 0 0 / 0)');
  limb.addColorStop(1, 'rgb(0 0 0 / 0.55)');
  ctx.fillStyle = limb;
  ctx.fillRect(-r, -r, 2 * r, 2 * r);
  ctx.restore();
}

export interface SceneOptions {
  /** Fraction of scenes with no ball at all (negative examples). */
  negativeRate?: number;
  maxBalls?: number;
  quality?: number;
  /**
   * Another frame of the same scene: the same background and balls, placed elsewhere and a little
   * nearer or farther. Without it, scenes render exactly as they always have.
   */
  frame?: number;
}

/** Renders scene number `index` of the dataset seeded by `seed`. */
export async function renderScene(seed: number, index: number, options: SceneOptions = {}): Promise<RenderedScene> {
  const { negativeRate = 0.08, maxBalls = 3, quality = 0.85, frame } = options;
  const random = new Random(seed * 100_003 + index * 7919 + 1);
  const placement =
    frame === undefined ? random : new Random(seed * 100_003 + index * 7919 + 1 + (frame + 1) * 15_485_863);
  const [width, height] = random.pick(SIZES);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as Context;
  drawBackground(ctx, random, width, height);

  const balls: RenderedBall[] = [];
  const count = random.chance(negativeRate) ? 0 : random.int(1, maxBalls);
  const minSide = Math.min(width, height);
  for (let attempt = 0; balls.length < count && attempt < 30; attempt++) {
    const r = minSide * random.range(0.05, 0.24) * (frame === undefined ? 1 : placement.range(0.8, 1.2));
    const cx = placement.range(r * 0.6, width - r * 0.6);
    const cy = placement.range(r * 0.6, height - r * 0.6);
    // No ball hidden behind another: keep discs apart.
    const overlaps = balls.some(({ bbox }) => {
      const [x, y, w] = bbox;
      return Math.hypot(x + w / 2 - cx, y + w / 2 - cy) < r + w / 2;
    });
    if (overlaps) continue;
    const kind = random.pick(BALL_KINDS);
    const blurred = random.chance(0.2);
    drawBall(ctx, random, kind, cx, cy, r, blurred ? random.range(1, Math.max(1.5, r * 0.08)) : 0);
    let occluded = false;
    if (random.chance(0.2)) {
      // A post in front of the ball, covering at most about a third of it.
      occluded = true;
      ctx.fillStyle = `hsl(${random.int(0, 360)} ${random.int(0, 40)}% ${random.int(15, 70)}%)`;
      const postWidth = r * random.range(0.3, 0.6);
      ctx.fillRect(cx + r * random.pick([-1, 1]) * random.range(0.55, 0.8) - postWidth / 2, 0, postWidth, height);
    }
    const left = Math.max(0, cx - r);
    const top = Math.max(0, cy - r);
    const right = Math.min(width, cx + r);
    const bottom = Math.min(height, cy + r);
    const round = (value: number) => Math.round(value * 10) / 10;
    balls.push({ kind, bbox: [round(left), round(top), round(right - left), round(bottom - top)], occluded, blurred });
  }
  const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return { width, height, balls, jpeg };
}
