// Times what one step of fine-tuning costs on the active backend: an Adam step of the default ball
// model's SSD heads on a batch of box-predictor activations, as the Train page's epochs do after their
// one pass through the frozen graph. The loss is the SSD loss without hard-negative mining (sigmoid
// cross-entropy on every anchor, smooth L1 on matched boxes): mining reads a few numbers back, the
// matMuls forward and backward are what the step spends its time on.
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tensor, Variable } from '@tensorflow/tfjs';
import { type DetectorSource, sourceSize } from '../../model/detector.ts';
import type { Detection } from '../../model/geometry.ts';
import { ballModelUrl, modelUrl } from '../../model/model-variants.ts';
import { ACTIVATION_NODES, graphAnchors, type LevelHeads, runHeads } from '../../model/ssd-heads.ts';
import { anchorTargets } from '../../model/ssd-targets.ts';
import { trainedHeads } from '../../model/trained-heads.ts';
import { fetchTrainedModel, type TrainedModel } from '../../model/trained-model.ts';
import { loadTf } from '../../shared/backend/backends.ts';
import { asNetworkProblem } from '../../shared/problem.ts';

type Tf = typeof tfTypes;

/** The Train page's batch size and learning rate. */
export const TRAIN_BATCH = 8;
const LEARNING_RATE = 0.001;
/** The graph's input node after its own preprocessor, and its size (as src/model/detector.ts feeds it). */
const INPUT_NODE = 'Preprocessor/sub';
const INPUT_SIZE = 300;

export interface TrainStepBench {
  trainBatch: number;
  /** The first step: it also compiles the gradient kernels (shaders on a GPU). */
  trainFirstStepMs: number;
  /** Median of the steps after it. */
  trainStepMs: number;
  trainSteps: number;
}

export interface TrainStepOptions {
  steps: number;
  /** Called before every step, e.g. to throw when the user cancelled. */
  beforeStep?: (done: number) => Promise<void>;
}

interface Batch {
  activations: Tensor[];
  targets: Tensor;
  positive: Tensor;
  encodings: Tensor;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The image through the frozen graph, repeated into a batch, with the anchors' targets for `boxes`. */
async function makeBatch(
  tf: Tf,
  trained: TrainedModel,
  image: DetectorSource,
  boxes: readonly Detection[],
  size: number,
): Promise<Batch> {
  const url = modelUrl(trained.meta.base);
  const model = await tf.loadGraphModel(url).catch((error: unknown) => {
    throw asNetworkProblem(error, url);
  });
  try {
    const anchors = graphAnchors(tf, model);
    const corners = (await anchors.data()) as Float32Array;
    anchors.dispose();
    const { width, height } = sourceSize(image);
    const truths = boxes.map(({ box: [x, y, w, h] }) => ({
      corners: [y / height, x / width, (y + h) / height, (x + w) / width] as [number, number, number, number],
      classId: 1,
    }));
    const { classes, encodings } = anchorTargets(corners, truths);
    const input = tf.tidy(() =>
      tf.image
        .resizeBilinear(tf.browser.fromPixels(image as Exclude<DetectorSource, OffscreenCanvas>), [
          INPUT_SIZE,
          INPUT_SIZE,
        ])
        .div(127.5)
        .sub(1)
        .expandDims(0),
    );
    let single: Tensor[];
    try {
      single = model.execute({ [INPUT_NODE]: input }, [...ACTIVATION_NODES]) as Tensor[];
    } finally {
      input.dispose();
    }
    return tf.tidy(() => {
      const activations = single.map((activation) => tf.tile(activation, [size, 1, 1, 1]));
      tf.dispose(single);
      const anchorClasses = tf.tile(tf.tensor2d(classes, [1, classes.length], 'int32'), [size, 1]);
      return {
        activations,
        targets: tf.oneHot(anchorClasses, 2).toFloat(),
        positive: anchorClasses.greater(0).toFloat(),
        encodings: tf.tile(tf.tensor3d(encodings, [1, classes.length, 4]), [size, 1, 1]),
      };
    });
  } finally {
    model.dispose();
  }
}

function loss(tf: Tf, heads: readonly LevelHeads[], batch: Batch): tfTypes.Scalar {
  const { encodings, logits } = runHeads(tf, batch.activations, heads, 1);
  const classTerm = tf
    .relu(logits)
    .sub(logits.mul(batch.targets))
    .add(tf.log1p(tf.exp(logits.abs().neg())))
    .mean();
  const boxTerm = tf.losses
    .huberLoss(batch.encodings, encodings, undefined, 1, tf.Reduction.NONE)
    .sum(2)
    .mul(batch.positive)
    .sum()
    .div(tf.maximum(batch.positive.sum(), 1));
  return classTerm.add(boxTerm) as tfTypes.Scalar;
}

/**
 * One warm-up step and `steps` timed ones on the active backend, targets from `boxes` (e.g. the
 * detector's own detections on `image`). Every tensor it makes is disposed, also when it throws.
 */
export async function benchTrainStep(
  image: DetectorSource,
  boxes: readonly Detection[],
  { steps, beforeStep = async () => {} }: TrainStepOptions,
): Promise<TrainStepBench> {
  const tf = await loadTf();
  await beforeStep(0);
  const trained = await fetchTrainedModel(ballModelUrl());
  const batch = await makeBatch(tf, trained, image, boxes, TRAIN_BATCH);
  const initial = trainedHeads(tf, trained);
  const heads = initial.map(
    (head) =>
      Object.fromEntries(
        Object.entries(head).map(([key, tensor]) => [key, tf.variable(tensor as Tensor, true)]),
      ) as unknown as LevelHeads,
  );
  tf.dispose(initial.flatMap((head) => Object.values(head)));
  const variables = heads.flatMap((head) => Object.values(head)) as Variable[];
  const optimizer = tf.train.adam(LEARNING_RATE);
  const step = async () => {
    const started = performance.now();
    const value = optimizer.minimize(() => loss(tf, heads, batch), true, variables) as tfTypes.Scalar;
    await value.data();
    value.dispose();
    return performance.now() - started;
  };
  try {
    const first = await step();
    const times: number[] = [];
    for (let done = 1; done <= steps; done++) {
      await beforeStep(done);
      times.push(await step());
    }
    return { trainBatch: TRAIN_BATCH, trainFirstStepMs: first, trainStepMs: median(times), trainSteps: steps };
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
    tf.dispose([batch.targets, batch.positive, batch.encodings, ...batch.activations]);
  }
}
