// The heads as the optimizer sees them (variables) and as a run keeps them (plain tensor copies).
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor, Variable } from '@tensorflow/tfjs';
import { headsFromGraph, type LevelHeads } from '../../model/ssd-heads.ts';
import { headsForClasses, type TrainedModel } from '../../model/trained-model.ts';

type Tf = typeof tfTypes;

export const headTensors = (heads: readonly LevelHeads[]): Tensor[] => heads.flatMap((head) => Object.values(head));

/**
 * Trainable copies of the starting heads: the graph's own (epoch 0 is exactly stock COCO-SSD) or a
 * trained model's, e.g. the default ball model's (epoch 0 is exactly that model).
 */
export function trainableHeads(
  tf: Tf,
  model: GraphModel,
  classes: readonly string[],
  start?: TrainedModel,
): LevelHeads[] {
  const initial = start ? headsForClasses(tf, start, classes) : headsFromGraph(tf, model, classes.length);
  const heads = initial.map(
    (head) =>
      Object.fromEntries(
        Object.entries(head).map(([key, tensor]) => [key, tf.variable(tensor as Tensor, true)]),
      ) as unknown as LevelHeads,
  );
  tf.dispose(headTensors(initial));
  return heads;
}

export const headVariables = (heads: readonly LevelHeads[]): Variable[] => headTensors(heads) as Variable[];

/** A copy that later optimizer steps do not change. */
export function snapshotHeads(heads: readonly LevelHeads[]): LevelHeads[] {
  return heads.map(
    (head) =>
      Object.fromEntries(
        Object.entries(head).map(([key, tensor]) => [key, (tensor as Tensor).clone()]),
      ) as unknown as LevelHeads,
  );
}
