// The trainable heads as a run keeps them: one flat array of every head weight (in the order of a
// trained model's weights.bin) with Adam's moments beside it. The update is plain JS: a few hundred
// small TF.js ops per step (Adam's for 24 tensors) cost more than the arithmetic on ~100,000 numbers,
// and each step makes fresh head tensors from the array anyway.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel } from '@tensorflow/tfjs';
import {
  headsFromGraph,
  hiddenWidth,
  type LevelHeads,
  orderedHeadTensors,
  withHiddenPath,
} from '../../model/ssd-heads.ts';
import { headsForClasses, headsFromValues, packHeads } from '../../model/trained-heads.ts';
import { expectedShapes, type TrainedModel } from '../../model/trained-model.ts';

type Tf = typeof tfTypes;

/** tf.train.adam's defaults; the epsilon is TF.js's for float32 backends. */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

export interface AdamState {
  values: Float32Array;
  firstMoment: Float32Array;
  secondMoment: Float32Array;
  steps: number;
}

export class HeadParameters {
  private readonly firstMoment: Float32Array;
  private readonly secondMoment: Float32Array;
  private steps = 0;

  constructor(
    /** Every head weight, flat, in `expectedShapes` order. */
    readonly values: Float32Array,
    private readonly shapes: { shape: number[] }[],
    private readonly learningRate: number,
  ) {
    this.firstMoment = new Float32Array(values.length);
    this.secondMoment = new Float32Array(values.length);
  }

  /**
   * The starting heads: the graph's own (epoch 0 is exactly stock COCO-SSD) or a trained model's, e.g.
   * the default ball model's (epoch 0 is exactly that model, its hidden path too). `hidden.width` adds
   * a hidden path to heads without one; its output starts at zero, so epoch 0 is still the start.
   * `'blank'`: the graph's, with class columns that know nothing yet (the bad-labels lab).
   */
  static async start(
    tf: Tf,
    model: GraphModel,
    classes: readonly string[],
    learningRate: number,
    start?: TrainedModel | 'blank',
    hidden?: { width: number; seed: number },
  ): Promise<HeadParameters> {
    let heads =
      start && start !== 'blank'
        ? headsForClasses(tf, start, classes)
        : headsFromGraph(tf, model, classes.length, start === 'blank');
    if (hidden?.width && !hiddenWidth(heads)) heads = withHiddenPath(tf, heads, hidden.width, hidden.seed);
    try {
      const shapes = expectedShapes(classes.length, hiddenWidth(heads));
      return new HeadParameters(await packHeads(heads), shapes, learningRate);
    } finally {
      tf.dispose(orderedHeadTensors(heads));
    }
  }

  /** Head tensors with the current values (biases 1-D); the caller disposes them. */
  tensors(tf: Tf, values: Float32Array = this.values): LevelHeads[] {
    return headsFromValues(tf, values, this.shapes);
  }

  /** Copies of the heads, Adam's moments and its step count: what a resumed run goes on from. */
  snapshot(): AdamState {
    return {
      values: this.values.slice(),
      firstMoment: this.firstMoment.slice(),
      secondMoment: this.secondMoment.slice(),
      steps: this.steps,
    };
  }

  /** Back to a snapshot, as if the steps after it had not happened. */
  restore(state: AdamState): void {
    for (const array of [state.values, state.firstMoment, state.secondMoment])
      if (array.length !== this.values.length)
        throw new Error(`the saved heads have ${array.length} numbers, these ${this.values.length}`);
    this.values.set(state.values);
    this.firstMoment.set(state.firstMoment);
    this.secondMoment.set(state.secondMoment);
    this.steps = state.steps;
  }

  /** One Adam step (as tf.train.adam computes it) with `gradient`, laid out like `values`. */
  applyAdam(gradient: Float32Array): void {
    const { values, firstMoment, secondMoment } = this;
    this.steps++;
    const firstCorrection = 1 - BETA1 ** this.steps;
    const secondCorrection = 1 - BETA2 ** this.steps;
    for (let i = 0; i < values.length; i++) {
      const g = gradient[i] as number;
      const m = BETA1 * (firstMoment[i] as number) + (1 - BETA1) * g;
      const v = BETA2 * (secondMoment[i] as number) + (1 - BETA2) * g * g;
      firstMoment[i] = m;
      secondMoment[i] = v;
      values[i] =
        (values[i] as number) -
        (this.learningRate * (m / firstCorrection)) / (Math.sqrt(v / secondCorrection) + EPSILON);
    }
  }
}
