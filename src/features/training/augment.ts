// Training views of a photo, drawn straight into the detector's 300×300 input: horizontal flip,
// zoom in or out, brightness, contrast and blur. A crop never cuts a ball: it always contains every
// labelled box, so no half-visible ball turns into a "background" example by accident.

import type { LabeledBox } from '../../dataset/dataset-store.ts';
import type { NormalisedBox } from '../../model/ssd-targets.ts';
import { Random } from '../../shared/random.ts';

export const INPUT_SIZE = 300;

export interface Augmentation {
  flip: boolean;
  /** Width of the view as a share of the photo: < 1 zooms in, > 1 zooms out (grey margin). */
  scale: number;
  /** Where the view sits in its free range, 0…1 per axis. */
  offsetX: number;
  offsetY: number;
  brightness: number;
  contrast: number;
  blur: number;
  /**
   * Where (unit coordinates of the view) to paste one more copy of the first ball: the same ball on
   * another background. For a handful of photos this matters most: context changes, the ball stays.
   */
  paste?: { x: number; y: number };
}

export const IDENTITY: Augmentation = {
  flip: false,
  scale: 1,
  offsetX: 0.5,
  offsetY: 0.5,
  brightness: 1,
  contrast: 1,
  blur: 0,
};

/** View `copy` of an image: copy 0 is the photo as it is; later copies are random, seeded. */
export function augmentationFor(seed: number, copy: number): Augmentation {
  if (copy === 0) return IDENTITY;
  const random = new Random(seed * 7919 + copy * 104_729);
  return {
    flip: random.chance(0.5),
    scale: random.chance(0.5) ? random.range(0.6, 1) : random.range(1, 1.6),
    offsetX: random.next(),
    offsetY: random.next(),
    brightness: random.range(0.7, 1.3),
    contrast: random.range(0.7, 1.3),
    blur: random.chance(0.25) ? random.range(0.5, 1.5) : 0,
    ...(random.chance(0.5) ? { paste: { x: random.next(), y: random.next() } } : {}),
  };
}

const overlaps = (a: NormalisedBox['corners'], b: NormalisedBox['corners']) =>
  a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Copies the ball inside `source` (normalised corners) as a disc to where `at` says, if it fits. */
function pasteBall(
  context: OffscreenCanvasRenderingContext2D,
  canvas: OffscreenCanvas,
  source: NormalisedBox,
  at: { x: number; y: number },
  taken: readonly NormalisedBox[],
): NormalisedBox | undefined {
  const [ymin, xmin, ymax, xmax] = source.corners;
  const h = ymax - ymin;
  const w = xmax - xmin;
  if (w <= 0.01 || h <= 0.01 || w > 0.5 || h > 0.5) return undefined;
  const top = at.y * (1 - h);
  const left = at.x * (1 - w);
  const corners: NormalisedBox['corners'] = [top, left, top + h, left + w];
  if (taken.some((box) => overlaps(box.corners, corners))) return undefined;
  const size = INPUT_SIZE;
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.filter = 'none';
  context.beginPath();
  context.ellipse((left + w / 2) * size, (top + h / 2) * size, (w / 2) * size, (h / 2) * size, 0, 0, 2 * Math.PI);
  context.clip();
  context.drawImage(canvas, xmin * size, ymin * size, w * size, h * size, left * size, top * size, w * size, h * size);
  context.restore();
  return { corners, classId: source.classId };
}

/**
 * Draws the view into a 300×300 canvas and maps the boxes (photo pixels) to normalised corners.
 * `classOf` gives each box's class id (1-based); boxes it returns 0 for are left out.
 */
export function renderView(
  image: ImageBitmap,
  boxes: readonly LabeledBox[],
  augmentation: Augmentation,
  classOf: (label: string) => number,
): { canvas: OffscreenCanvas; boxes: NormalisedBox[] } {
  const { width, height } = image;
  // The view keeps the photo's aspect; the SSD input stretches it to a square either way.
  let viewWidth = width * augmentation.scale;
  let viewHeight = height * augmentation.scale;
  let left = 0;
  let top = 0;
  if (boxes.length) {
    left = Math.min(...boxes.map((b) => b.box[0]));
    top = Math.min(...boxes.map((b) => b.box[1]));
  }
  const right = boxes.length ? Math.max(...boxes.map((b) => b.box[0] + b.box[2])) : width;
  const bottom = boxes.length ? Math.max(...boxes.map((b) => b.box[1] + b.box[3])) : height;
  // Zoom in only as far as the boxes allow.
  const grow = Math.max(1, (right - left) / viewWidth, (bottom - top) / viewHeight);
  viewWidth *= grow;
  viewHeight *= grow;
  // The view must contain [left, right]: its x lies in [right - viewWidth, left], and inside the
  // photo when zoomed in (or around it when zoomed out).
  const rangeX: [number, number] =
    viewWidth <= width
      ? [Math.max(0, right - viewWidth), Math.min(left, width - viewWidth)]
      : [Math.max(width - viewWidth, right - viewWidth), Math.min(0, left)];
  const rangeY: [number, number] =
    viewHeight <= height
      ? [Math.max(0, bottom - viewHeight), Math.min(top, height - viewHeight)]
      : [Math.max(height - viewHeight, bottom - viewHeight), Math.min(0, top)];
  const x0 = rangeX[0] + (Math.max(rangeX[0], rangeX[1]) - rangeX[0]) * augmentation.offsetX;
  const y0 = rangeY[0] + (Math.max(rangeY[0], rangeY[1]) - rangeY[0]) * augmentation.offsetY;

  const canvas = new OffscreenCanvas(INPUT_SIZE, INPUT_SIZE);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#808080';
  context.fillRect(0, 0, INPUT_SIZE, INPUT_SIZE);
  const { brightness, contrast, blur } = augmentation;
  if (brightness !== 1 || contrast !== 1 || blur > 0)
    context.filter = `brightness(${brightness}) contrast(${contrast}) blur(${blur}px)`;
  if (augmentation.flip) {
    context.translate(INPUT_SIZE, 0);
    context.scale(-1, 1);
  }
  const sx = INPUT_SIZE / viewWidth;
  const sy = INPUT_SIZE / viewHeight;
  context.drawImage(image, -x0 * sx, -y0 * sy, width * sx, height * sy);

  const mapped: NormalisedBox[] = [];
  for (const { box, label } of boxes) {
    const classId = classOf(label);
    if (!classId) continue;
    let xmin = (box[0] - x0) / viewWidth;
    let xmax = (box[0] + box[2] - x0) / viewWidth;
    if (augmentation.flip) [xmin, xmax] = [1 - xmax, 1 - xmin];
    const ymin = (box[1] - y0) / viewHeight;
    const ymax = (box[1] + box[3] - y0) / viewHeight;
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    mapped.push({ corners: [clamp(ymin), clamp(xmin), clamp(ymax), clamp(xmax)], classId });
  }
  const first = mapped[0];
  if (augmentation.paste && first) {
    const pasted = pasteBall(context, canvas, first, augmentation.paste, mapped);
    if (pasted) mapped.push(pasted);
  }
  return { canvas, boxes: mapped };
}
