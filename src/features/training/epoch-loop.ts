// One epoch of training: seeded shuffled batches of the training views, one optimizer step each.
import type * as tfTypes from '@tensorflow/tfjs';
import { orderedHeadTensors } from '../../model/ssd-heads.ts';
import { Random } from '../../shared/random.ts';
import { HeadBatch } from './head-batch.ts';
import { headLoss } from './head-loss.ts';
import type { HeadParameters } from './head-parameters.ts';
import type { View } from './training-views.ts';

type Tf = typeof tfTypes;

/** With a handful of photos an epoch would be one or two steps: too few to learn from. */
const MIN_STEPS_PER_EPOCH = 10;

export const stepsPerEpoch = (trainViews: number, batchSize: number): number =>
  Math.max(MIN_STEPS_PER_EPOCH, Math.ceil(trainViews / batchSize));

/**
 * One Adam step on `batch`; returns its loss. The heads run once; the loss, the hard negatives and
 * the outputs' gradients are worked out on the CPU from what they return, the weight gradients are
 * products on the device, and the update is plain JS (see HeadParameters).
 */
export async function trainStep(
  tf: Tf,
  parameters: HeadParameters,
  batch: readonly View[],
  classCount: number,
): Promise<number> {
  const columns = 1 + classCount;
  const inputs = new HeadBatch(tf, batch, columns);
  const heads = parameters.tensors(tf);
  try {
    const { logits, matchedEncodings } = await inputs.outputs(heads);
    const loss = headLoss(batch, logits, matchedEncodings, columns);
    parameters.applyAdam(await inputs.gradients(loss));
    return loss.loss;
  } finally {
    inputs.dispose();
    tf.dispose(orderedHeadTensors(heads));
  }
}

/**
 * Deals out batches of views, epoch after epoch. The order is shuffled in place from one epoch to
 * the next, by one generator seeded once per run, so a run repeats exactly with the same seed.
 */
export class BatchSchedule {
  private readonly order: number[];
  private readonly random: Random;

  constructor(
    private readonly views: readonly View[],
    private readonly batchSize: number,
    readonly steps: number,
    seed: number,
  ) {
    this.order = views.map((_, i) => i);
    this.random = new Random(seed);
  }

  /** Deals `epochs` epochs without training on them: a resumed run then gets the batches it would have. */
  skip(epochs: number): void {
    for (let epoch = 0; epoch < epochs; epoch++) this.epoch();
  }

  /** The next epoch's batches. */
  epoch(): View[][] {
    const { order, random, batchSize } = this;
    // Whole shuffled passes over the views, as many as the epoch's steps need.
    const epochOrder: number[] = [];
    while (epochOrder.length < this.steps * batchSize && order.length) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = random.int(0, i);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      epochOrder.push(...order);
    }
    return Array.from({ length: this.steps }, (_, step) =>
      epochOrder.slice(step * batchSize, (step + 1) * batchSize).map((i) => this.views[i] as View),
    );
  }
}

/** Runs `step` on each batch of one epoch; returns the mean loss. */
export async function runEpoch(batches: readonly View[][], step: (batch: View[]) => Promise<number>): Promise<number> {
  let lossSum = 0;
  let count = 0;
  for (const batch of batches) {
    lossSum += await step(batch);
    count++;
  }
  return lossSum / Math.max(1, count);
}
