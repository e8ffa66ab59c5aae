// How good the heads are right now on the validation views: the same loss as training, and mAP@0.5
// of the detections the app itself would decode from them. One run of the heads per batch gives both.
import type * as tfTypes from '@tensorflow/tfjs';
import { decodeDetections } from '../../model/decode.ts';
import { averagePrecision, type ImageResult } from '../../model/evaluation.ts';
import type { Detection } from '../../model/geometry.ts';
import { ANCHOR_COUNT, type LevelHeads } from '../../model/ssd-heads.ts';
import { HeadBatch } from './head-batch.ts';
import { headLoss } from './head-loss.ts';
import type { View } from './training-views.ts';

type Tf = typeof tfTypes;

/** Low, so the precision–recall curve reaches far enough down for a fair average precision. */
const EVAL_THRESHOLD = 0.01;
const EVAL_BATCH = 8;

export interface Evaluation {
  valLoss: number;
  /** Null without validation photos or without any ground-truth box in them. */
  valMAP50: number | null;
}

export interface Predictions {
  /** Per view, in normalised coordinates × 1000 (the scale of a view's `truths`). */
  detections: Detection[][];
  /** The training loss summed over the views. */
  lossSum: number;
}

/** What the heads as they are now detect on each view, down to `threshold`, and their loss there. */
export async function predictViews(
  tf: Tf,
  anchors: tfTypes.Tensor2D,
  views: readonly View[],
  heads: readonly LevelHeads[],
  classes: readonly string[],
  checkpoint: () => Promise<void>,
  { threshold = EVAL_THRESHOLD, maxDetections = 20 } = {},
): Promise<Predictions> {
  const classCount = classes.length;
  const columns = 1 + classCount;
  const detections: Detection[][] = [];
  let lossSum = 0;
  for (let start = 0; start < views.length; start += EVAL_BATCH) {
    await checkpoint();
    const batch = views.slice(start, start + EVAL_BATCH);
    const inputs = new HeadBatch(tf, batch, columns);
    const outputs = await inputs.outputs(heads, anchors).finally(() => inputs.dispose());
    const { logits, matchedEncodings, boxes: boxValues = new Float32Array() } = outputs;
    lossSum += headLoss(batch, logits, matchedEncodings, columns).loss * batch.length;
    // Background (column 0) is never a detection; sigmoid scores of the class columns.
    const scoreValues = new Float32Array(batch.length * ANCHOR_COUNT * classCount);
    scoreValues.forEach((_, i) => {
      const row = Math.floor(i / classCount);
      scoreValues[i] = 1 / (1 + Math.exp(-(logits[row * columns + 1 + (i % classCount)] as number)));
    });
    batch.forEach((_, b) => {
      detections.push(
        decodeDetections(
          scoreValues.subarray(b * ANCHOR_COUNT * classCount, (b + 1) * ANCHOR_COUNT * classCount),
          boxValues.subarray(b * ANCHOR_COUNT * 4, (b + 1) * ANCHOR_COUNT * 4),
          { labels: classes, threshold, width: 1000, height: 1000, iouThreshold: 0.5, maxDetections },
        ),
      );
    });
  }
  return { detections, lossSum };
}

/** Validation loss and mAP@0.5 with the heads as they are now. */
export async function evaluateHeads(
  tf: Tf,
  anchors: tfTypes.Tensor2D,
  views: readonly View[],
  heads: readonly LevelHeads[],
  classes: readonly string[],
  checkpoint: () => Promise<void>,
): Promise<Evaluation> {
  if (!views.length) return { valLoss: 0, valMAP50: null };
  const { detections, lossSum } = await predictViews(tf, anchors, views, heads, classes, checkpoint);
  const results: ImageResult[] = views.map((view, i) => ({ truths: view.truths, detections: detections[i] ?? [] }));
  const labels = [...new Set(results.flatMap((r) => r.truths.map((t) => t.label)))];
  const valMAP50 = labels.length
    ? labels.reduce((sum, label) => sum + averagePrecision(results, label, 0.5), 0) / labels.length
    : null;
  return { valLoss: lossSum / views.length, valMAP50 };
}
