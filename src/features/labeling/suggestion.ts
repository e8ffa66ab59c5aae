import type { LabeledBox } from '../../dataset/dataset-store.ts';
import { type Detection, iou } from '../../model/geometry.ts';

/** A box the detector proposes: drawn dashed until the user accepts or rejects it. */
export interface Suggestion extends LabeledBox {
  score: number;
}

/** Detections not already covered by a labelled box, as suggestions labelled `label`. */
export function suggestionsFrom(
  detections: readonly Detection[],
  existing: readonly LabeledBox[],
  label: string,
): Suggestion[] {
  return detections
    .filter((detection) => existing.every(({ box }) => iou(box, detection.box) < 0.5))
    .map(({ box, score }) => ({ box, score, label }));
}
