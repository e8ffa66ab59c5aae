import { type Detection, nonMaxSuppression, toSourceBox } from './geometry.ts';

export interface DecodeOptions {
  /** Score column → label; null columns are never reported. */
  labels: readonly (string | null)[];
  /** Only these score columns become detections (default: every labelled column). */
  columns?: readonly number[];
  threshold: number;
  /** The picture the normalised corners are mapped onto. */
  width: number;
  height: number;
  iouThreshold: number;
  maxDetections: number;
}

/**
 * SSD candidates → detections, the one decoder for the live detector and training evaluation.
 * `scores` is row-major [candidates, labels.length] (sigmoid scores, background removed) and `boxes`
 * [candidates, 4] normalised [ymin, xmin, ymax, xmax] corners; boxes are clipped to the picture, then
 * per-label NMS keeps the best `maxDetections`.
 */
export function decodeDetections(
  scores: ArrayLike<number>,
  boxes: ArrayLike<number>,
  options: DecodeOptions,
): Detection[] {
  const { labels, threshold, width, height } = options;
  const columnCount = labels.length;
  const columns = options.columns ?? labels.flatMap((label, column) => (label === null ? [] : [column]));
  const candidateCount = Math.floor(scores.length / columnCount);
  const candidates: Detection[] = [];
  for (let row = 0; row < candidateCount; row++) {
    for (const column of columns) {
      const score = scores[row * columnCount + column] as number;
      if (score < threshold) continue;
      const label = labels[column];
      if (label === null || label === undefined) continue;
      candidates.push({ box: toSourceBox(boxes, row * 4, width, height), score, label });
    }
  }
  return nonMaxSuppression(candidates, options.iouThreshold, options.maxDetections);
}
