// The SSD loss on a batch of views: sigmoid cross-entropy on classes with 3:1 hard-negative mining, and
// smooth-L1 on the box encodings of matched anchors, normalised by the number of matched anchors.
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { ACTIVATION_NODES, ANCHOR_COUNT, type LevelHeads, runHeads } from '../../model/ssd-heads.ts';
import type { View } from './training-views.ts';

type Tf = typeof tfTypes;

const NEGATIVES_PER_POSITIVE = 3;
/** A photo without balls still teaches "this is background" through its hardest anchors. */
const MIN_NEGATIVES = 8;

/** A batch's stacked inputs and targets. */
export interface BatchTensors {
  activations: Tensor[];
  targets: Tensor;
  positive: Tensor;
  ignored: Tensor;
  encodings: Tensor;
}

export interface PreparedBatch {
  tensors: BatchTensors;
  /** 1 where a negative anchor counts towards the class loss. */
  negatives: Tensor;
}

function batchTensors(tf: Tf, batch: readonly View[], classCount: number): BatchTensors {
  return tf.tidy(() => {
    const activations = ACTIVATION_NODES.map((_, k) =>
      tf.concat(
        batch.map((view) => view.activations[k] as Tensor),
        0,
      ),
    );
    const classes = tf.tensor2d(
      Int32Array.from(batch.flatMap((view) => Array.from(view.classes))),
      [batch.length, ANCHOR_COUNT],
      'int32',
    );
    const targets = tf.oneHot(classes, 1 + classCount).toFloat();
    const positive = classes.greater(0).toFloat();
    const ignored = tf.tensor2d(Float32Array.from(batch.flatMap((view) => Array.from(view.ignored))), [
      batch.length,
      ANCHOR_COUNT,
    ]);
    const encodings = tf.tensor3d(Float32Array.from(batch.flatMap((view) => Array.from(view.encodings))), [
      batch.length,
      ANCHOR_COUNT,
      4,
    ]);
    return { activations, targets, positive, ignored, encodings };
  });
}

/** Per-anchor classification loss [B, anchors]. */
function classLoss(tf: Tf, logits: Tensor, targets: Tensor): Tensor {
  // Numerically stable sigmoid cross-entropy, summed over the class columns of each anchor.
  return tf.tidy(() =>
    tf
      .relu(logits)
      .sub(logits.mul(targets))
      .add(tf.log1p(tf.exp(logits.abs().neg())))
      .sum(2),
  );
}

/** Which negatives count: per image the hardest 3 × positives (at least MIN_NEGATIVES). */
async function hardNegatives(
  tf: Tf,
  perAnchor: Tensor,
  positive: Tensor,
  ignored: Tensor,
  positives: readonly number[],
): Promise<Tensor> {
  const wanted = positives.map((p) => Math.min(ANCHOR_COUNT / 2, Math.max(MIN_NEGATIVES, NEGATIVES_PER_POSITIVE * p)));
  const k = Math.max(...wanted);
  // Positives and ignored anchors sink to −1e9: never among the hardest, never above a threshold.
  const negativeLoss = tf.tidy(() => {
    const excluded = positive.add(ignored).minimum(1);
    return perAnchor.mul(tf.scalar(1).sub(excluded)).sub(excluded.mul(1e9));
  });
  const top = tf.topk(negativeLoss, k);
  const values = (await top.values.data()) as Float32Array;
  tf.dispose([top.values, top.indices]);
  const thresholds = wanted.map((n, row) => values[row * k + n - 1] as number);
  return tf.tidy(() => {
    const mask = negativeLoss.greaterEqual(tf.tensor2d(thresholds, [thresholds.length, 1])).toFloat();
    negativeLoss.dispose();
    return mask;
  });
}

/** The batch loss with `heads`; runs inside the caller's tidy (or the optimizer's). */
export function lossOf(
  tf: Tf,
  heads: readonly LevelHeads[],
  { tensors, negatives }: PreparedBatch,
  classCount: number,
): tfTypes.Scalar {
  const { encodings, logits } = runHeads(tf, tensors.activations, heads, classCount);
  const perAnchor = classLoss(tf, logits, tensors.targets);
  const classTerm = perAnchor.mul(tensors.positive.add(negatives)).sum();
  const boxTerm = tf.losses
    .huberLoss(tensors.encodings, encodings, undefined, 1, tf.Reduction.NONE)
    .sum(2)
    .mul(tensors.positive)
    .sum();
  return classTerm.add(boxTerm).div(tf.maximum(tensors.positive.sum(), 1)) as tfTypes.Scalar;
}

/** A batch's stacked inputs and targets, and which negatives count under the current heads. */
export async function prepareBatch(
  tf: Tf,
  batch: readonly View[],
  heads: readonly LevelHeads[],
  classCount: number,
): Promise<PreparedBatch> {
  const tensors = batchTensors(tf, batch, classCount);
  const perAnchor = tf.tidy(() =>
    classLoss(tf, runHeads(tf, tensors.activations, heads, classCount).logits, tensors.targets),
  );
  const negatives = await hardNegatives(
    tf,
    perAnchor,
    tensors.positive,
    tensors.ignored,
    batch.map((view) => view.positives),
  );
  perAnchor.dispose();
  return { tensors, negatives };
}

export function disposeBatch(tf: Tf, { tensors, negatives }: PreparedBatch): void {
  tf.dispose([
    negatives,
    tensors.targets,
    tensors.positive,
    tensors.ignored,
    tensors.encodings,
    ...tensors.activations,
  ]);
}
