// The SSD box-predictor heads of COCO-SSD (SSDLite MobileNetV2), rebuilt outside the graph so they
// can be trained. Per feature level, each head is depthwise 3×3 + batch norm + ReLU6 (kept frozen,
// inside the graph) and then a 1×1 convolution — here a matMul, which every backend can
// differentiate (WASM has no Conv2DBackpropFilter). The graph is run only up to the frozen part.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor, Tensor2D } from '@tensorflow/tfjs';
import { ProblemError, problem } from '../shared/problem.ts';

type Tf = typeof tfTypes;

export interface FeatureLevel {
  size: number;
  channels: number;
  /** Anchors per grid cell. */
  anchors: number;
}

/** The six SSD feature levels, 19×19 down to 1×1; 19²·3 + (10² + 5² + 3² + 2² + 1)·6 = 1917 anchors. */
export const LEVELS: readonly FeatureLevel[] = [
  { size: 19, channels: 576, anchors: 3 },
  { size: 10, channels: 1280, anchors: 6 },
  { size: 5, channels: 512, anchors: 6 },
  { size: 3, channels: 256, anchors: 6 },
  { size: 2, channels: 256, anchors: 6 },
  { size: 1, channels: 128, anchors: 6 },
];
export const ANCHOR_COUNT = 1917;
/** Constant [1, 1917, 4] of the graph: anchors as normalised [ymin, xmin, ymax, xmax]. */
const ANCHORS_WEIGHT = 'Postprocessor/ExpandDims';
/**
 * COCO's 91 logit columns: 0 is background, 37 is "sports ball". A pruned graph (the default variant,
 * see scripts/lib/prune-graph.mjs) keeps only those two, in that order.
 */
const COCO_COLUMNS = 91;
const COCO_BACKGROUND = 0;
const COCO_SPORTS_BALL = 37;
const PRUNED_SPORTS_BALL = 1;
/** The box coder's scales for (y, x, h, w), as in the graph's Postprocessor/Decode. */
export const BOX_SCALES = [10, 10, 5, 5] as const;

type Head = 'BoxEncodingPredictor' | 'ClassPredictor';

/** The graph nodes whose outputs the trainable 1×1 layers read: [box₀, class₀, box₁, class₁, …]. */
export const ACTIVATION_NODES: readonly string[] = LEVELS.flatMap((_, level) =>
  (['BoxEncodingPredictor', 'ClassPredictor'] as Head[]).map((head) => `BoxPredictor_${level}/${head}_depthwise/Relu6`),
);

/** Trainable weights of one level; kernels are [channels, anchors × outputs]. */
export interface LevelHeads {
  boxKernel: Tensor2D;
  boxBias: Tensor;
  classKernel: Tensor2D;
  classBias: Tensor;
}

/** Names under which the heads are saved, in a fixed order. */
export function headWeightNames(): string[] {
  return LEVELS.flatMap((_, level) =>
    ['boxKernel', 'boxBias', 'classKernel', 'classBias'].map((part) => `level${level}/${part}`),
  );
}

function graphWeight(model: GraphModel, name: string): Tensor {
  const tensor = model.weights[name]?.[0];
  if (!tensor)
    throw new ProblemError(problem('model.notCocoGraph', `the model has no weight "${name}": not a COCO-SSD graph`));
  return tensor;
}

/** How many class columns the graph's class heads have: 91, or 2 in a pruned graph. */
function graphClassColumns(model: GraphModel): number {
  const { channels, anchors } = LEVELS[0] as FeatureLevel;
  return graphWeight(model, 'BoxPredictor_0/ClassPredictor/weights').size / (channels * anchors);
}

/** Whether the graph holds all 90 COCO classes and its post-processor, or only what the heads read. */
export function isWholeCocoGraph(model: GraphModel): boolean {
  return graphClassColumns(model) === COCO_COLUMNS;
}

/**
 * Heads with the graph's own weights, the class head narrowed to background + `classCount` classes,
 * each initialised from COCO's "sports ball" column — so before any training the heads detect
 * exactly what stock COCO-SSD's "sports ball" does.
 */
export function headsFromGraph(tf: Tf, model: GraphModel, classCount: number): LevelHeads[] {
  const graphColumns = graphClassColumns(model);
  const ball = graphColumns === COCO_COLUMNS ? COCO_SPORTS_BALL : PRUNED_SPORTS_BALL;
  const columns = [COCO_BACKGROUND, ...Array.from({ length: classCount }, () => ball)];
  // LevelHeads is a plain record of tensors; tidy's TensorContainer type does not see that.
  return tf.tidy(
    () =>
      LEVELS.map(({ channels, anchors }, level) => {
        const prefix = `BoxPredictor_${level}`;
        const classKernel = graphWeight(model, `${prefix}/ClassPredictor/weights`).reshape([
          channels,
          anchors,
          graphColumns,
        ]);
        const classBias = graphWeight(model, `${prefix}/ClassPredictor/biases`).reshape([anchors, graphColumns]);
        return {
          boxKernel: graphWeight(model, `${prefix}/BoxEncodingPredictor/weights`)
            .reshape([channels, anchors * 4])
            .clone(),
          boxBias: graphWeight(model, `${prefix}/BoxEncodingPredictor/biases`).clone(),
          classKernel: tf.gather(classKernel, columns, 2).reshape([channels, anchors * columns.length]) as Tensor2D,
          classBias: tf.gather(classBias, columns, 1).reshape([anchors * columns.length]),
        } as LevelHeads;
      }) as unknown as tfTypes.TensorContainer,
  ) as unknown as LevelHeads[];
}

/** The graph's anchors as a [1917, 4] tensor (a copy the caller owns). */
export function graphAnchors(tf: Tf, model: GraphModel): Tensor2D {
  return tf.tidy(() => graphWeight(model, ANCHORS_WEIGHT).reshape([ANCHOR_COUNT, 4]).clone() as Tensor2D);
}

/**
 * Runs the heads on the activations of `ACTIVATION_NODES` (batch B) → box encodings [B, anchors, 4]
 * (ty, tx, th, tw) and logits [B, anchors, 1 + classes] (column 0 is background); 1917 anchors at 300×300.
 */
export function runHeads(
  tf: Tf,
  activations: readonly Tensor[],
  heads: readonly LevelHeads[],
  classCount: number,
): { encodings: Tensor; logits: Tensor } {
  return tf.tidy(() => {
    const encodings: Tensor[] = [];
    const logits: Tensor[] = [];
    LEVELS.forEach(({ channels, anchors }, level) => {
      const head = heads[level] as LevelHeads;
      const box = activations[2 * level] as Tensor;
      const cls = activations[2 * level + 1] as Tensor;
      const batch = box.shape[0] as number;
      // The grid follows the input size (19×19 at 300×300, 14×14 at 224×224…); the 1×1 heads do not care.
      const size = box.shape[1] as number;
      const rows = batch * size * size;
      encodings.push(
        tf
          .matMul(box.reshape([rows, channels]), head.boxKernel)
          .add(head.boxBias)
          .reshape([batch, size * size * anchors, 4]),
      );
      logits.push(
        tf
          .matMul(cls.reshape([rows, channels]), head.classKernel)
          .add(head.classBias)
          .reshape([batch, size * size * anchors, 1 + classCount]),
      );
    });
    return { encodings: tf.concat(encodings, 1), logits: tf.concat(logits, 1) };
  });
}

/** Box encodings [B, 1917, 4] → normalised corners [B, 1917, 4] (ymin, xmin, ymax, xmax). */
export function decodeBoxes(tf: Tf, anchors: Tensor2D, encodings: Tensor): Tensor {
  return tf.tidy(() => {
    const [ymin, xmin, ymax, xmax] = tf.unstack(anchors, 1) as [Tensor, Tensor, Tensor, Tensor];
    const ha = ymax.sub(ymin);
    const wa = xmax.sub(xmin);
    const yca = ymin.add(ha.div(2));
    const xca = xmin.add(wa.div(2));
    const [ty, tx, th, tw] = tf.unstack(encodings, 2) as [Tensor, Tensor, Tensor, Tensor];
    const yc = ty.div(BOX_SCALES[0]).mul(ha).add(yca);
    const xc = tx.div(BOX_SCALES[1]).mul(wa).add(xca);
    const h = th.div(BOX_SCALES[2]).exp().mul(ha);
    const w = tw.div(BOX_SCALES[3]).exp().mul(wa);
    return tf.stack([yc.sub(h.div(2)), xc.sub(w.div(2)), yc.add(h.div(2)), xc.add(w.div(2))], 2);
  });
}
