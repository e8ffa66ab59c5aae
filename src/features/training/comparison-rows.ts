// Stock COCO and a fine-tuned model on the same validation photos: what each got right and wrong per
// photo, the totals, and a photo drawn with both models' boxes over the labels. Shared by the
// comparison on the Train page and its projector layout.
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { type Detection, iou } from '../../model/geometry.ts';

export interface Outcome {
  truePositives: number;
  falsePositives: Detection[];
  missed: number;
}

export interface Row {
  image: StoredImage;
  stock: Detection[];
  yours: Detection[];
  stockOutcome: Outcome;
  yoursOutcome: Outcome;
}

export interface Totals {
  tp: number;
  fp: number;
  fn: number;
}

export const COLOURS = { truth: '#ffffff', stock: '#ef4444', yours: '#22c55e' } as const;

/** Greedy IoU ≥ 0.5 matching of confident detections against the labelled boxes (labels ignored). */
export function outcomeOf(image: StoredImage, detections: Detection[]): Outcome {
  const taken = new Set<number>();
  const falsePositives: Detection[] = [];
  for (const detection of detections) {
    const match = image.boxes.findIndex((truth, t) => !taken.has(t) && iou(truth.box, detection.box) >= 0.5);
    if (match >= 0) taken.add(match);
    else falsePositives.push(detection);
  }
  return { truePositives: taken.size, falsePositives, missed: image.boxes.length - taken.size };
}

export function totals(rows: readonly Row[]): { stock: Totals; yours: Totals } {
  const sum = (pick: (row: Row) => Outcome) =>
    rows.reduce(
      (total, row) => {
        const o = pick(row);
        return { tp: total.tp + o.truePositives, fp: total.fp + o.falsePositives.length, fn: total.fn + o.missed };
      },
      { tp: 0, fp: 0, fn: 0 },
    );
  return { stock: sum((row) => row.stockOutcome), yours: sum((row) => row.yoursOutcome) };
}

/** The photos where either model is wrong, with their index in `rows` (the canvases' key). */
export function wrongRows(rows: readonly Row[]): { row: Row; index: number }[] {
  return rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => [row.stockOutcome, row.yoursOutcome].some((o) => o.missed || o.falsePositives.length));
}

/** Draws the photo `width` pixels wide: labels dashed white, stock red, yours green (inset so both show). */
export async function drawRow(canvas: HTMLCanvasElement, row: Row, width: number): Promise<void> {
  const bitmap = await createImageBitmap(row.image.blob, { imageOrientation: 'from-image' });
  const scale = width / bitmap.width;
  canvas.width = width;
  canvas.height = Math.round(bitmap.height * scale);
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  // Lines thicken with the drawing so a projected photo reads like the phone's.
  const line = Math.max(3, Math.round(width / 110));
  const stroke = (
    boxes: { box: [number, number, number, number] }[],
    colour: string,
    dash: number[],
    inset: number,
  ) => {
    context.strokeStyle = colour;
    context.lineWidth = line;
    context.setLineDash(dash.map((d) => (d * line) / 3));
    for (const { box } of boxes)
      context.strokeRect(
        box[0] * scale + inset,
        box[1] * scale + inset,
        box[2] * scale - 2 * inset,
        box[3] * scale - 2 * inset,
      );
  };
  stroke(row.image.boxes, COLOURS.truth, [5, 4], 0);
  stroke(row.stock, COLOURS.stock, [], (2 * line) / 3);
  stroke(row.yours, COLOURS.yours, [], (5 * line) / 3);
}

/** Draws every not-yet-drawn `canvas[data-index]` under `root` from `rows`, `width` pixels wide. */
export function drawPending(root: ParentNode, rows: readonly Row[] | undefined, width: number): void {
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas[data-index]')) {
    const row = rows?.[Number(canvas.dataset.index)];
    if (row && canvas.dataset.drawn !== 'true') {
      canvas.dataset.drawn = 'true';
      void drawRow(canvas, row, width);
    }
  }
}
