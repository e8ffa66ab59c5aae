// What a phone camera does to the light: hand shake, vignetting, white balance and exposure, a
// contrast curve and saturation boost, sharpening or slight defocus, sensor noise (much more in low
// light, with blotchy colour noise) and finally JPEG compression at a varied quality.
import type { Random } from '../../shared/random.ts';
import { type Context, type Lighting, newCanvas, radialLight, type Vec3 } from './common.ts';

export interface CameraLook {
  gain: number;
  whiteBalance: Vec3;
  /** 0 linear … 1 a strong S curve. */
  contrast: number;
  saturation: number;
  /** Luma noise, standard deviation in 8-bit levels. */
  noise: number;
  /** Strength of low-frequency colour blotches (phones' denoised low-light look). */
  blotches: number;
  /** > 0 sharpens (phones do), < 0 softens (missed focus). */
  sharpen: number;
  vignette: number;
  /** Hand shake during the exposure, pixels, and its direction. */
  shake: number;
  shakeAngle: number;
  quality: number;
}

export function pickCamera(random: Random, lighting: Lighting): CameraLook {
  const low = lighting === 'low';
  const warm = lighting === 'indoor' ? random.pick([1, 1, 0]) : low ? 1 : 0;
  const whiteBalance: Vec3 = warm
    ? [random.range(1.02, 1.15), 1, random.range(0.78, 0.95)]
    : lighting === 'shade'
      ? [random.range(0.92, 1), 1, random.range(1.02, 1.1)]
      : [random.range(0.95, 1.06), random.range(0.98, 1.04), random.range(0.94, 1.06)];
  const defocus = random.chance(0.15);
  return {
    gain: low ? random.range(0.55, 0.85) : random.range(0.85, 1.18),
    whiteBalance,
    contrast: low ? random.range(0, 0.2) : lighting === 'sun' ? random.range(0.2, 0.55) : random.range(0.05, 0.4),
    saturation: low ? random.range(0.7, 0.95) : random.range(0.95, 1.3),
    noise: low ? random.range(5, 13) : lighting === 'indoor' ? random.range(1.5, 5) : random.range(0.8, 3),
    blotches: low ? random.range(0.1, 0.3) : random.chance(0.3) ? random.range(0, 0.08) : 0,
    sharpen: defocus ? random.range(-0.9, -0.4) : random.range(-0.2, 0.8),
    vignette: random.range(0.05, 0.45),
    shake: random.chance(low ? 0.5 : 0.1) ? random.range(1, low ? 7 : 3.5) : 0,
    shakeAngle: random.range(0, Math.PI),
    quality: low ? random.range(0.45, 0.8) : random.range(0.55, 0.93),
  };
}

function shakeFrame(canvas: OffscreenCanvas, ctx: Context, look: CameraLook) {
  const steps = Math.max(3, Math.ceil(look.shake));
  const [copy, cctx] = newCanvas(canvas.width, canvas.height);
  cctx.drawImage(canvas, 0, 0);
  const [dx, dy] = [Math.cos(look.shakeAngle) * look.shake, Math.sin(look.shakeAngle) * look.shake];
  for (let i = 0; i < steps; i++) {
    const t = i / (steps - 1) - 0.5;
    // Each copy blends in at 1/(i+1): after all of them every copy weighs the same.
    ctx.globalAlpha = 1 / (i + 1);
    ctx.drawImage(copy, dx * t, dy * t);
  }
  ctx.globalAlpha = 1;
}

function vignette(ctx: Context, width: number, height: number, strength: number) {
  radialLight(ctx, [width / 2, height / 2], Math.min(width, height) * 0.3, Math.hypot(width, height) / 2, 1 - strength);
}

function colourBlotches(ctx: Context, random: Random, width: number, height: number, strength: number) {
  const [small, sctx] = newCanvas(Math.ceil(width / 8), Math.ceil(height / 8));
  const image = sctx.createImageData(small.width, small.height);
  for (let i = 0; i < image.data.length; i += 4) {
    image.data[i] = 128 + (random.next() - 0.5) * 160;
    image.data[i + 1] = 128 + (random.next() - 0.5) * 100;
    image.data[i + 2] = 128 + (random.next() - 0.5) * 160;
    image.data[i + 3] = 255;
  }
  sctx.putImageData(image, 0, 0);
  ctx.save();
  ctx.globalAlpha = strength;
  ctx.globalCompositeOperation = 'overlay';
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(small, 0, 0, width, height);
  ctx.restore();
}

/** A blurred copy of the frame (down- and up-scaling), for sharpening or defocus. */
function blurred(canvas: OffscreenCanvas, factor: number): Uint8ClampedArray {
  const [small, sctx] = newCanvas(canvas.width / factor, canvas.height / factor);
  sctx.imageSmoothingQuality = 'high';
  sctx.drawImage(canvas, 0, 0, small.width, small.height);
  const [, bctx] = newCanvas(canvas.width, canvas.height);
  bctx.imageSmoothingQuality = 'high';
  bctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  return bctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

/** Turns the rendered scene into what a phone would have saved (before JPEG). */
export function develop(canvas: OffscreenCanvas, ctx: Context, look: CameraLook, random: Random) {
  const { width, height } = canvas;
  if (look.shake >= 1) shakeFrame(canvas, ctx, look);
  vignette(ctx, width, height, look.vignette);
  if (look.blotches > 0) colourBlotches(ctx, random, width, height, look.blotches);
  const soft = Math.abs(look.sharpen) > 0.05 ? blurred(canvas, look.sharpen < -0.6 ? 3 : 2) : undefined;
  const image = ctx.getImageData(0, 0, width, height);
  const data = image.data;
  // Exposure, white balance and the tone curve folded into one table per channel.
  const luts = look.whiteBalance.map((balance) => {
    const lut = new Uint8ClampedArray(256);
    for (let v = 0; v < 256; v++) {
      let x = (v / 255) * look.gain * balance;
      // A soft shoulder instead of hard clipping, as phone tone curves roll highlights off.
      if (x > 0.8) x = 0.8 + 0.2 * (1 - Math.exp(-(x - 0.8) / 0.2));
      const s = x * x * (3 - 2 * x);
      lut[v] = 255 * (x + (s - x) * look.contrast);
    }
    return lut;
  }) as [Uint8ClampedArray, Uint8ClampedArray, Uint8ClampedArray];
  const [lr, lg, lb] = luts;
  const amount = look.sharpen;
  const sat = look.saturation;
  const noise = look.noise / 147.8;
  // A local copy of the seeded generator (mulberry32) keeps the per-pixel loop fast.
  let state = Math.floor(random.next() * 4294967296) >>> 0;
  for (let i = 0; i < data.length; i += 4) {
    let r = data[i] as number;
    let g = data[i + 1] as number;
    let b = data[i + 2] as number;
    if (soft) {
      r += (r - (soft[i] as number)) * amount;
      g += (g - (soft[i + 1] as number)) * amount;
      b += (b - (soft[i + 2] as number)) * amount;
      r = Math.max(0, Math.min(255, r));
      g = Math.max(0, Math.min(255, g));
      b = Math.max(0, Math.min(255, b));
    }
    r = lr[r | 0] as number;
    g = lg[g | 0] as number;
    b = lb[b | 0] as number;
    const l = 0.3 * r + 0.59 * g + 0.11 * b;
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    t = (t ^ (t >>> 14)) >>> 0;
    // Sum of four bytes ≈ Gaussian; darker pixels are noisier, as with a real sensor after gain.
    const n = ((t & 255) + ((t >>> 8) & 255) + ((t >>> 16) & 255) + (t >>> 24) - 510) * noise * (1.3 - l / 400);
    data[i] = l + (r - l) * sat + n;
    data[i + 1] = l + (g - l) * sat + n;
    data[i + 2] = l + (b - l) * sat + n;
  }
  ctx.putImageData(image, 0, 0);
}
