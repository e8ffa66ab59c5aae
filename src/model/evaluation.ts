// Detection metrics: AP at one IoU threshold (all-point interpolated precision/recall curve, as in
// PASCAL VOC 2010+), mean over classes, and precision/recall at a fixed score. Pure functions, so the
// eval CLI, training's validation and the tests share one implementation.
import { type Box, type Detection, iou } from './geometry.ts';

export interface GroundTruth {
  box: Box;
  label: string;
}

export interface ImageResult {
  truths: GroundTruth[];
  detections: Detection[];
}

export interface Metrics {
  /** Mean over the labels present in the ground truth of each label's AP. */
  mAP: number;
  /** The same, counting only detections at or above the score threshold: what a user sees live. */
  mAPAtScore: number;
  perLabel: Record<string, number>;
  precision: number;
  recall: number;
  /** Detections at or above the score threshold that match no ground truth. */
  falseAlarms: number;
}

interface Match {
  score: number;
  truePositive: boolean;
  /** The ground truth it matched, if any. */
  truth?: GroundTruth;
}

/** Greedy matching by descending score: each truth is matched at most once, at IoU ≥ threshold. */
function matchDetections(
  images: readonly ImageResult[],
  label: string,
  iouThreshold: number,
): { matches: Match[]; truths: number } {
  const matches: Match[] = [];
  let truths = 0;
  for (const image of images) {
    const imageTruths = image.truths.filter((truth) => truth.label === label);
    truths += imageTruths.length;
    const taken = new Array<boolean>(imageTruths.length).fill(false);
    const detections = image.detections.filter((d) => d.label === label).sort((a, b) => b.score - a.score);
    for (const detection of detections) {
      let best = -1;
      let bestIou = iouThreshold;
      imageTruths.forEach((truth, t) => {
        const overlap = iou(detection.box, truth.box);
        if (!taken[t] && overlap >= bestIou) {
          best = t;
          bestIou = overlap;
        }
      });
      if (best >= 0) taken[best] = true;
      matches.push({
        score: detection.score,
        truePositive: best >= 0,
        ...(best >= 0 ? { truth: imageTruths[best] } : {}),
      });
    }
  }
  return { matches: matches.sort((a, b) => b.score - a.score), truths };
}

export function averagePrecision(images: readonly ImageResult[], label: string, iouThreshold = 0.5): number {
  const { matches, truths } = matchDetections(images, label, iouThreshold);
  return apFromMatches(matches, truths);
}

/** All-point interpolated AP of score-sorted matches against `truths` ground-truth boxes. */
function apFromMatches(matches: readonly Match[], truths: number): number {
  if (truths === 0) return matches.length === 0 ? 1 : 0;
  const precisions: number[] = [];
  const recalls: number[] = [];
  let truePositives = 0;
  matches.forEach((match, i) => {
    if (match.truePositive) truePositives++;
    precisions.push(truePositives / (i + 1));
    recalls.push(truePositives / truths);
  });
  // Make precision monotonically decreasing, then integrate it over recall.
  for (let i = precisions.length - 2; i >= 0; i--)
    precisions[i] = Math.max(precisions[i] as number, precisions[i + 1] as number);
  let area = 0;
  let previousRecall = 0;
  recalls.forEach((recall, i) => {
    area += (recall - previousRecall) * (precisions[i] as number);
    previousRecall = recall;
  });
  return area;
}

export function evaluate(images: readonly ImageResult[], { iouThreshold = 0.5, scoreThreshold = 0.5 } = {}): Metrics {
  const labels = [...new Set(images.flatMap((image) => image.truths.map((truth) => truth.label)))].sort();
  const perLabel = Object.fromEntries(labels.map((label) => [label, averagePrecision(images, label, iouThreshold)]));
  const mAP = labels.length ? labels.reduce((sum, label) => sum + (perLabel[label] as number), 0) / labels.length : 0;
  const confident = images.map((image) => ({
    ...image,
    detections: image.detections.filter((d) => d.score >= scoreThreshold),
  }));
  const mAPAtScore = labels.length
    ? labels.reduce((sum, label) => sum + averagePrecision(confident, label, iouThreshold), 0) / labels.length
    : 0;
  let truePositives = 0;
  let predicted = 0;
  let truths = 0;
  // A label that only the detector names (a ball on a photo of oranges) is all false alarms.
  const named = [...new Set([...labels, ...confident.flatMap((image) => image.detections.map((d) => d.label))])];
  for (const label of named) {
    const result = matchDetections(confident, label, iouThreshold);
    truePositives += result.matches.filter((match) => match.truePositive).length;
    predicted += result.matches.length;
    truths += result.truths;
  }
  return {
    mAP,
    mAPAtScore,
    perLabel,
    precision: predicted ? truePositives / predicted : 1,
    recall: truths ? truePositives / truths : 1,
    falseAlarms: predicted - truePositives,
  };
}

export interface SubsetMetrics {
  truths: number;
  /** AP@IoU over this subset's balls; detections matching a ball outside the subset are ignored. */
  ap: number;
  /** Share of this subset's balls found at or above the score threshold. */
  recall: number;
}

/**
 * Metrics for a subset of the ground truth (one ball kind, one size): every detection is matched against
 * all balls of its label as usual, then one that matched a ball outside the subset neither helps nor
 * hurts, while an unmatched one stays a false alarm (it cannot be blamed on a kind or size).
 */
export function evaluateSubset(
  images: readonly ImageResult[],
  label: string,
  keep: (truth: GroundTruth) => boolean,
  { iouThreshold = 0.5, scoreThreshold = 0.5 } = {},
): SubsetMetrics {
  const { matches } = matchDetections(images, label, iouThreshold);
  const truths = images.reduce(
    (sum, image) => sum + image.truths.filter((t) => t.label === label && keep(t)).length,
    0,
  );
  const counted = matches.filter((match) => !match.truth || keep(match.truth));
  const found = counted.filter((match) => match.truePositive && match.score >= scoreThreshold).length;
  return { truths, ap: apFromMatches(counted, truths), recall: truths ? found / truths : 1 };
}

/** COCO's size buckets by the box's area: small < 32², medium < 96², large beyond. */
export function sizeOf(box: Box): 'small' | 'medium' | 'large' {
  const area = box[2] * box[3];
  return area < 32 * 32 ? 'small' : area < 96 * 96 ? 'medium' : 'large';
}
