// How good the heads are right now on the validation views: the same loss as training, and mAP@0.5
// of the detections the app itself would decode from them.
import type * as tfTypes from '@tensorflow/tfjs';
import { decodeDetections } from '../../model/decode.ts';
import { averagePrecision, type ImageResult } from '../../model/evaluation.ts';
import { ANCHOR_COUNT, decodeBoxes, type LevelHeads, runHeads } from '../../model/ssd-heads.ts';
import { disposeBatch, lossOf, prepareBatch } from './batch-loss.ts';
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
  const classCount = classes.length;
  const results: ImageResult[] = [];
  let lossSum = 0;
  for (let start = 0; start < views.length; start += EVAL_BATCH) {
    await checkpoint();
    const batch = views.slice(start, start + EVAL_BATCH);
    const prepared = await prepareBatch(tf, batch, heads, classCount);
    const [loss, scores, boxes] = tf.tidy(() => {
      const { encodings, logits } = runHeads(tf, prepared.tensors.activations, heads, classCount);
      return [
        lossOf(tf, heads, prepared, classCount).mul(batch.length),
        tf.sigmoid(logits.slice([0, 0, 1], [-1, -1, -1])),
        decodeBoxes(tf, anchors, encodings),
      ];
    });
    const [lossValue, scoreValues, boxValues] = await Promise.all([loss.data(), scores.data(), boxes.data()]);
    tf.dispose([loss, scores, boxes]);
    disposeBatch(tf, prepared);
    lossSum += lossValue[0] as number;
    batch.forEach((view, b) => {
      const detections = decodeDetections(
        scoreValues.subarray(b * ANCHOR_COUNT * classCount, (b + 1) * ANCHOR_COUNT * classCount),
        boxValues.subarray(b * ANCHOR_COUNT * 4, (b + 1) * ANCHOR_COUNT * 4),
        {
          labels: classes,
          threshold: EVAL_THRESHOLD,
          width: 1000,
          height: 1000,
          iouThreshold: 0.5,
          maxDetections: 20,
        },
      );
      results.push({ truths: view.truths, detections });
    });
  }
  const labels = [...new Set(results.flatMap((r) => r.truths.map((t) => t.label)))];
  const valMAP50 = labels.length
    ? labels.reduce((sum, label) => sum + averagePrecision(results, label, 0.5), 0) / labels.length
    : null;
  return { valLoss: lossSum / views.length, valMAP50 };
}
