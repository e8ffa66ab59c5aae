// A trained model's weights as head tensors and back: what a detector runs and what training starts
// from. The file side (layout, checks, zip) is trained-model.ts.
import type * as tfTypes from '@tensorflow/tfjs';
import { headsFromOrdered, LEVELS, type LevelHeads, orderedHeadTensors } from './ssd-heads.ts';
import { size, type TrainedModel } from './trained-model.ts';

/**
 * Head tensors from every weight back to back in `shapes` order (a model's weights.bin, or a run's
 * values); the caller owns (and disposes) them. Each is a copy: some backends keep the array they are
 * given, and a run's values change at every step.
 */
export function headsFromValues(
  tf: typeof tfTypes,
  values: Float32Array,
  shapes: readonly { shape: number[] }[],
): LevelHeads[] {
  let offset = 0;
  const tensors = shapes.map(({ shape }) => {
    const length = size(shape);
    const tensor = tf.tensor(values.slice(offset, offset + length), shape);
    offset += length;
    return tensor;
  });
  return headsFromOrdered(tensors);
}

/** Tensors for the heads; the caller owns (and disposes) them. */
export function trainedHeads(tf: typeof tfTypes, model: TrainedModel): LevelHeads[] {
  return headsFromValues(tf, model.weights, model.meta.weights);
}

/** Reads head tensors back into one buffer, in `expectedShapes` order. */
export async function packHeads(heads: readonly LevelHeads[]): Promise<Float32Array> {
  const parts = await Promise.all(orderedHeadTensors(heads).map((t) => t.data()));
  const packed = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    packed.set(part as Float32Array, offset);
    offset += part.length;
  }
  return packed;
}

/**
 * Heads for `classes` that start from a trained model: its box heads and background column as they
 * are, and per class the model's column of that name, else its first class (the default model's
 * "ball"), so fine-tuning from the default starts from a detector that already finds balls.
 * The caller owns (and disposes) the tensors.
 */
export function headsForClasses(tf: typeof tfTypes, model: TrainedModel, classes: readonly string[]): LevelHeads[] {
  const own = model.meta.classes;
  const columns = [0, ...classes.map((name) => Math.max(0, own.indexOf(name)) + 1)];
  const heads = trainedHeads(tf, model);
  try {
    return tf.tidy(
      () =>
        heads.map((head, level) => {
          const { channels, anchors } = LEVELS[level] as (typeof LEVELS)[number];
          return {
            boxKernel: head.boxKernel.clone(),
            boxBias: head.boxBias.clone(),
            classKernel: tf
              .gather(head.classKernel.reshape([channels, anchors, own.length + 1]), columns, 2)
              .reshape([channels, anchors * columns.length]),
            classBias: tf.gather(head.classBias.reshape([anchors, own.length + 1]), columns, 1).reshape([-1]),
            ...(head.hiddenKernel && head.hiddenBias && head.hiddenOut
              ? {
                  hiddenKernel: head.hiddenKernel.clone(),
                  hiddenBias: head.hiddenBias.clone(),
                  hiddenOut: tf
                    .gather(head.hiddenOut.reshape([-1, anchors, own.length + 1]), columns, 2)
                    .reshape([-1, anchors * columns.length]),
                }
              : {}),
          } as LevelHeads;
        }) as unknown as tfTypes.TensorContainer,
    ) as unknown as LevelHeads[];
  } finally {
    tf.dispose(orderedHeadTensors(heads));
  }
}
