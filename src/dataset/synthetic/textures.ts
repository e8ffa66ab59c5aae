// Small tiles of texture (grain, blotches, pebbles, fuzz, grass, wood), drawn once per page from fixed
// seeds and reused as canvas patterns: texture everywhere at the cost of one fill.
import { Random } from '../../shared/random.ts';
import { type Context, newCanvas } from './common.ts';

export type TileName = 'grain' | 'blotch' | 'pebble' | 'fuzz' | 'grass' | 'wood' | 'fabric';

const tiles = new Map<TileName, OffscreenCanvas>();

function grayImage(ctx: Context, size: number, random: Random, spread: number) {
  const image = ctx.createImageData(size, size);
  for (let i = 0; i < image.data.length; i += 4) {
    const v = 128 + (random.next() - 0.5) * spread;
    image.data[i] = v;
    image.data[i + 1] = v;
    image.data[i + 2] = v;
    image.data[i + 3] = 255;
  }
  return image;
}

function build(name: TileName): OffscreenCanvas {
  const random = new Random(1000 + name.length * 17 + name.charCodeAt(0));
  const size = name === 'wood' ? 256 : 128;
  const [canvas, ctx] = newCanvas(size, size);
  ctx.fillStyle = 'rgb(128 128 128)';
  ctx.fillRect(0, 0, size, size);
  switch (name) {
    case 'grain':
      ctx.putImageData(grayImage(ctx, size, random, 255), 0, 0);
      break;
    case 'blotch': {
      // Two octaves of value noise on a wrapping grid, so the tile repeats without seams.
      const image = ctx.createImageData(size, size);
      const octaves = [8, 16].map((n) => ({ n, cells: Array.from({ length: n * n }, () => random.next()) }));
      const smooth = (t: number) => t * t * (3 - 2 * t);
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
          let v = 0;
          for (const [k, { n, cells }] of octaves.entries()) {
            const [fx, fy] = [(x / size) * n, (y / size) * n];
            const [x0, y0] = [Math.floor(fx), Math.floor(fy)];
            const [tx, ty] = [smooth(fx - x0), smooth(fy - y0)];
            const cell = (i: number, j: number) => cells[((j % n) * n + (i % n)) as number] as number;
            const top = cell(x0, y0) + (cell(x0 + 1, y0) - cell(x0, y0)) * tx;
            const bottom = cell(x0, y0 + 1) + (cell(x0 + 1, y0 + 1) - cell(x0, y0 + 1)) * tx;
            v += (top + (bottom - top) * ty - 0.5) * (k ? 0.5 : 1);
          }
          const i = (y * size + x) * 4;
          image.data.fill(128 + v * 170, i, i + 3);
          image.data[i + 3] = 255;
        }
      ctx.putImageData(image, 0, 0);
      break;
    }
    case 'pebble':
      for (let i = 0; i < 900; i++) {
        const x = random.range(0, size);
        const y = random.range(0, size);
        const light = random.chance(0.5);
        ctx.fillStyle = light ? 'rgb(190 190 190 / 0.8)' : 'rgb(60 60 60 / 0.8)';
        ctx.beginPath();
        ctx.arc(x, y, random.range(0.8, 1.8), 0, Math.PI * 2);
        ctx.fill();
      }
      break;
    case 'fuzz':
      ctx.putImageData(grayImage(ctx, size, random, 120), 0, 0);
      ctx.lineWidth = 0.7;
      for (let i = 0; i < 1400; i++) {
        const x = random.range(0, size);
        const y = random.range(0, size);
        const a = random.range(0, Math.PI * 2);
        ctx.strokeStyle = random.chance(0.5) ? 'rgb(230 230 230 / 0.6)' : 'rgb(40 40 40 / 0.5)';
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.quadraticCurveTo(
          x + Math.cos(a) * 2,
          y + Math.sin(a) * 2,
          x + random.range(-3, 3),
          y + random.range(-3, 3),
        );
        ctx.stroke();
      }
      break;
    case 'grass':
      ctx.putImageData(grayImage(ctx, size, random, 70), 0, 0);
      for (let i = 0; i < 2200; i++) {
        const x = random.range(0, size);
        const y = random.range(0, size);
        const v = random.int(40, 220);
        ctx.strokeStyle = `rgb(${v} ${v} ${v} / 0.7)`;
        ctx.lineWidth = random.range(0.6, 1.4);
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + random.range(-1.5, 1.5), y - random.range(2, 6));
        ctx.stroke();
      }
      break;
    case 'wood':
      // Grain runs along x; the tile is wider in spirit than tall, so stretch it when used.
      for (let y = 0; y < size; y += 1) {
        const v = 128 + 40 * Math.sin(y * 0.35 + Math.sin(y * 0.05) * 4) + random.range(-18, 18);
        ctx.fillStyle = `rgb(${v} ${v} ${v})`;
        ctx.fillRect(0, y, size, 1);
      }
      for (let i = 0; i < 30; i++) {
        ctx.strokeStyle = 'rgb(70 70 70 / 0.5)';
        const y = random.range(0, size);
        ctx.beginPath();
        ctx.moveTo(0, y);
        ctx.bezierCurveTo(size / 3, y + random.range(-6, 6), (2 * size) / 3, y + random.range(-6, 6), size, y);
        ctx.stroke();
      }
      break;
    case 'fabric':
      ctx.putImageData(grayImage(ctx, size, random, 60), 0, 0);
      for (let i = 0; i < size; i += 2) {
        ctx.fillStyle = 'rgb(90 90 90 / 0.25)';
        ctx.fillRect(i, 0, 1, size);
        ctx.fillStyle = 'rgb(170 170 170 / 0.2)';
        ctx.fillRect(0, i, size, 1);
      }
      break;
  }
  return canvas;
}

/** Makes a tile seamless: marks drawn across an edge would otherwise stop dead at it. */
function wrapped(canvas: OffscreenCanvas): OffscreenCanvas {
  const [out, ctx] = newCanvas(canvas.width, canvas.height);
  const { width: w, height: h } = canvas;
  ctx.drawImage(canvas, 0, 0);
  // Blend the tile with itself shifted by half, feathered, so opposite edges match.
  const [shifted, sctx] = newCanvas(w, h);
  for (const [x, y] of [
    [w / 2, h / 2],
    [-w / 2, h / 2],
    [w / 2, -h / 2],
    [-w / 2, -h / 2],
  ] as const)
    sctx.drawImage(canvas, x, y);
  const mask = ctx.createRadialGradient(w / 2, h / 2, Math.min(w, h) * 0.3, w / 2, h / 2, Math.min(w, h) * 0.5);
  mask.addColorStop(0, 'rgb(0 0 0 / 0)');
  mask.addColorStop(1, 'rgb(0 0 0 / 1)');
  const [masked, mctx] = newCanvas(w, h);
  mctx.fillStyle = mask;
  mctx.fillRect(0, 0, w, h);
  mctx.globalCompositeOperation = 'source-in';
  mctx.drawImage(shifted, 0, 0);
  ctx.drawImage(masked, 0, 0);
  return out;
}

export function tile(name: TileName): OffscreenCanvas {
  let canvas = tiles.get(name);
  if (!canvas) {
    canvas = build(name);
    if (name !== 'grain' && name !== 'blotch') canvas = wrapped(canvas);
    tiles.set(name, canvas);
  }
  return canvas;
}

/**
 * Overlays a texture tile on the current path or a rectangle, blended so mid-grey changes nothing:
 * 'overlay' and 'soft-light' keep the colour underneath and only vary its brightness.
 */
export function texture(
  ctx: Context,
  name: TileName,
  alpha: number,
  scale = 1,
  rect?: [number, number, number, number],
  mode: GlobalCompositeOperation = 'overlay',
  angle = 0,
) {
  if (alpha <= 0) return;
  const pattern = ctx.createPattern(tile(name), 'repeat');
  if (!pattern) return;
  pattern.setTransform(
    new DOMMatrix().rotate((angle * 180) / Math.PI).scale(scale, name === 'wood' ? scale * 0.5 : scale),
  );
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.globalCompositeOperation = mode;
  ctx.fillStyle = pattern;
  if (rect) ctx.fillRect(...rect);
  else ctx.fill();
  ctx.restore();
}
