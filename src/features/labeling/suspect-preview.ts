// The zoomed view of a label-check suspect: the part of the photo around the label's box and the
// model's box, the label solid orange, the model dashed blue, drawn on a small canvas.

import type { PhotoSuspect } from '../../dataset/suspect-ranking.ts';
import type { Box } from '../../model/geometry.ts';

/** The area shown: both boxes with a margin of half their size, square. */
function area(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((b) => b[0]));
  const top = Math.min(...boxes.map((b) => b[1]));
  const right = Math.max(...boxes.map((b) => b[0] + b[2]));
  const bottom = Math.max(...boxes.map((b) => b[1] + b[3]));
  const side = Math.max(right - left, bottom - top) * 1.6 + 8;
  return [(left + right) / 2 - side / 2, (top + bottom) / 2 - side / 2, side, side];
}

export async function drawSuspect(canvas: HTMLCanvasElement, photo: Blob, suspect: PhotoSuspect): Promise<void> {
  const context = canvas.getContext('2d');
  if (!context) return;
  const bitmap = await createImageBitmap(photo, { imageOrientation: 'from-image' });
  try {
    const model = suspect.suggestion && suspect.kind !== 'class' ? suspect.suggestion.box : undefined;
    const label = suspect.kind === 'missed' ? undefined : suspect.box;
    const [x, y, side] = area([label, model].filter((b): b is Box => b !== undefined));
    const scale = canvas.width / side;
    context.fillStyle = '#808080';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, -x * scale, -y * scale, bitmap.width * scale, bitmap.height * scale);
    const stroke = (box: Box, colour: string, dash: number[]) => {
      context.setLineDash(dash);
      context.lineWidth = 3;
      context.strokeStyle = colour;
      context.strokeRect((box[0] - x) * scale, (box[1] - y) * scale, box[2] * scale, box[3] * scale);
    };
    if (model) stroke(model, '#2563eb', [6, 4]);
    if (label) stroke(label, '#f97316', []);
  } finally {
    bitmap.close();
  }
}
