// A ball as a small picture of its own: the painted surface, its texture, shading from the scene's
// light (diffuse falloff, specular highlight, a window reflection on glossy balls), then composited
// with a ground shadow and, when it moves, a directional motion blur.
import type { Random } from '../../shared/random.ts';
import { PAINTERS } from './balls.ts';
import { type BallKind, type Context, type Lighting, newCanvas, softShadow, type Vec3 } from './common.ts';
import { normalize, randomRotation, SphereView } from './sphere.ts';
import { texture } from './textures.ts';

const AMBIENT: Record<Lighting, number> = { sun: 0.28, shade: 0.5, indoor: 0.42, low: 0.45 };

/** Shading over the painted disc; also used for round look-alikes so both are lit alike. */
export function shadeSphere(ctx: Context, r: number, light: Vec3, gloss: number, lighting: Lighting) {
  const ambient = AMBIENT[lighting];
  const [lx, ly] = light;
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  const diffuse = ctx.createRadialGradient(lx * r * 0.55, ly * r * 0.55, 0, 0, 0, r * 1.02);
  const level = (f: number) => {
    const v = Math.round(255 * (ambient + (1 - ambient) * f));
    return `rgb(${v} ${v} ${v})`;
  };
  diffuse.addColorStop(0, level(1));
  diffuse.addColorStop(0.45, level(0.85));
  diffuse.addColorStop(0.8, level(0.45));
  diffuse.addColorStop(1, level(0.12));
  ctx.fillStyle = diffuse;
  ctx.fillRect(-r, -r, 2 * r, 2 * r);
  // Light bounced off the floor brightens the lower rim a little.
  ctx.globalCompositeOperation = 'screen';
  const bounce = ctx.createLinearGradient(0, r * 0.4, 0, r);
  bounce.addColorStop(0, 'rgb(0 0 0)');
  bounce.addColorStop(1, 'rgb(40 38 34)');
  ctx.fillStyle = bounce;
  ctx.fillRect(-r, r * 0.4, 2 * r, r * 0.6);
  const h = normalize([lx, ly, light[2] + 1]);
  const [hx, hy] = [h[0] * r, h[1] * r];
  const size = r * (0.6 - 0.45 * gloss);
  const strength = (0.12 + 0.7 * gloss) * (lighting === 'sun' ? 1 : lighting === 'low' ? 0.6 : 0.85);
  const spec = ctx.createRadialGradient(hx, hy, 0, hx, hy, size);
  spec.addColorStop(0, `rgb(255 253 245 / ${Math.min(1, strength)})`);
  spec.addColorStop(0.35, `rgb(255 253 245 / ${strength * 0.45})`);
  spec.addColorStop(1, 'rgb(255 253 245 / 0)');
  ctx.fillStyle = spec;
  ctx.fillRect(hx - size, hy - size, 2 * size, 2 * size);
  if (gloss > 0.55 && lighting !== 'sun') {
    // Indoors a glossy ball mirrors the window: a small bright rectangle with a cross bar.
    const w = r * 0.22;
    ctx.translate(hx, hy);
    ctx.rotate(Math.atan2(hy, hx) + Math.PI / 2);
    ctx.fillStyle = `rgb(255 255 255 / ${0.45 * gloss})`;
    ctx.fillRect(-w / 2, -w * 0.35, w, w * 0.7);
    ctx.globalCompositeOperation = 'source-over';
    ctx.fillStyle = 'rgb(0 0 0 / 0.08)';
    ctx.fillRect(-w / 2, -w * 0.03, w, w * 0.06);
  }
  ctx.restore();
}

/** Paints, textures and shades one ball of radius `r` into its own canvas (centre at the middle). */
export function ballSprite(
  kind: BallKind,
  random: Random,
  r: number,
  light: Vec3,
  lighting: Lighting,
): OffscreenCanvas {
  const size = Math.ceil(2 * r + 4);
  const [canvas, ctx] = newCanvas(size, size);
  ctx.translate(size / 2, size / 2);
  ctx.beginPath();
  ctx.arc(0, 0, r, 0, Math.PI * 2);
  ctx.clip();
  const view = new SphereView(randomRotation(random), r);
  ctx.save();
  const material = PAINTERS[kind](ctx, view, random);
  ctx.restore();
  ctx.beginPath();
  ctx.arc(0, 0, r, 0, Math.PI * 2);
  texture(
    ctx,
    material.tile,
    material.tileAlpha,
    Math.max(0.3, material.tileScale),
    undefined,
    'overlay',
    random.range(0, 6),
  );
  shadeSphere(ctx, r, light, material.gloss, lighting);
  if (material.soft && r > 6) {
    // Felt fibres stand out from the outline: a fuzzy rim instead of a crisp edge.
    ctx.globalCompositeOperation = 'destination-out';
    ctx.lineWidth = Math.max(1, r * 0.04);
    ctx.setLineDash([1, 1.5]);
    ctx.strokeStyle = 'rgb(0 0 0 / 0.5)';
    ctx.beginPath();
    ctx.arc(0, 0, r - ctx.lineWidth / 2, 0, Math.PI * 2);
    ctx.stroke();
  }
  return canvas;
}

export interface Motion {
  dx: number;
  dy: number;
}

/** Draws a sprite centred at (cx, cy), smeared along `motion` as during an exposure. */
export function composite(ctx: Context, sprite: OffscreenCanvas, cx: number, cy: number, motion?: Motion) {
  const length = motion ? Math.hypot(motion.dx, motion.dy) : 0;
  if (!motion || length < 1) {
    ctx.drawImage(sprite, cx - sprite.width / 2, cy - sprite.height / 2);
    return;
  }
  // Summing copies with 'lighter' averages colour and coverage exactly: the ends of the streak
  // turn translucent like a real moving ball.
  const steps = Math.min(28, Math.max(3, Math.ceil(length / 1.2)));
  const pad = Math.ceil(length / 2) + 1;
  const [streak, sctx] = newCanvas(sprite.width + 2 * pad, sprite.height + 2 * pad);
  sctx.globalCompositeOperation = 'lighter';
  sctx.globalAlpha = 1 / steps;
  for (let i = 0; i < steps; i++) {
    const t = i / (steps - 1) - 0.5;
    sctx.drawImage(sprite, pad + motion.dx * t, pad + motion.dy * t);
  }
  ctx.drawImage(streak, cx - streak.width / 2, cy - streak.height / 2);
}

/**
 * Shadow of a ball: a dark contact patch where it touches the floor and a softer cast shadow away
 * from the light; a ball in the air casts only a faint blurred one on the floor below it.
 */
export function ballShadow(
  ctx: Context,
  cx: number,
  groundY: number,
  r: number,
  light: Vec3,
  lighting: Lighting,
  height = 0,
) {
  const sun = lighting === 'sun';
  const offset = -light[0] * r * (sun ? 1.4 : 0.6);
  const fade = 1 / (1 + height / Math.max(1, r * 3));
  if (height === 0) softShadow(ctx, cx, groundY - r * 0.02, r * 0.55, r * 0.1, 0.6, 0.5);
  softShadow(
    ctx,
    cx + offset * (1 + height / (r * 4)),
    groundY + r * 0.02,
    r * (sun ? 1.15 : 1.0) * (1 + height / (r * 8)),
    r * 0.24,
    (sun ? 0.5 : lighting === 'low' ? 0.25 : 0.35) * fade,
    sun ? 0.55 : 0.15,
  );
}
