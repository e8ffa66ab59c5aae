/** A box in source pixels: left, top, width, height (COCO's bbox order). */
export type Box = [x: number, y: number, width: number, height: number];

export interface Detection {
  box: Box;
  score: number;
  label: string;
}

/** Intersection over union of two [x, y, w, h] boxes; 0 for boxes without area. */
export function iou(a: Box, b: Box): number {
  const overlapWidth = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const overlapHeight = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  if (overlapWidth <= 0 || overlapHeight <= 0) return 0;
  const intersection = overlapWidth * overlapHeight;
  const union = a[2] * a[3] + b[2] * b[3] - intersection;
  return union > 0 ? intersection / union : 0;
}

/**
 * Maps the graph's normalised [ymin, xmin, ymax, xmax] corners to source pixels. The SSD input is the
 * whole frame stretched to a square, so x scales by the width and y by the height, whatever the aspect.
 * Boxes are clipped to the frame.
 */
export function toSourceBox(corners: ArrayLike<number>, offset: number, width: number, height: number): Box {
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  const top = clamp(corners[offset] as number) * height;
  const left = clamp(corners[offset + 1] as number) * width;
  const bottom = clamp(corners[offset + 2] as number) * height;
  const right = clamp(corners[offset + 3] as number) * width;
  return [left, top, right - left, bottom - top];
}

/**
 * Greedy non-maximum suppression within each label: a box is dropped only when a higher-scoring box of
 * the same label overlaps it by more than `iouThreshold`. Boxes of different labels never suppress each
 * other (a ball at a player's foot survives the player's box).
 */
export function nonMaxSuppression(
  candidates: readonly Detection[],
  iouThreshold: number,
  maxDetections: number,
): Detection[] {
  const kept: Detection[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) {
    if (kept.length >= maxDetections) break;
    const suppressed = kept.some(
      (other) => other.label === candidate.label && iou(other.box, candidate.box) > iouThreshold,
    );
    if (!suppressed) kept.push(candidate);
  }
  return kept;
}
