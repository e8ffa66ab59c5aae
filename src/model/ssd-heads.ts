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
  /**
   * An optional second path of the class head, added to its logits: relu(x · hiddenKernel + hiddenBias)
   * · hiddenOut, [channels, H], [H] and [H, anchors × columns]. A linear layer on frozen features could
   * not tell a ball from other smooth round things; this hidden layer gives it room to.
   */
  hiddenKernel?: Tensor2D;
  hiddenBias?: Tensor;
  hiddenOut?: Tensor2D;
}

/** The largest hidden width a model may declare: far above what pays, far below what a phone cannot hold. */
export const MAX_HIDDEN = 256;

const LINEAR_PARTS = ['boxKernel', 'boxBias', 'classKernel', 'classBias'] as const;
const HIDDEN_PARTS = ['hiddenKernel', 'hiddenBias', 'hiddenOut'] as const;

/**
 * Names under which the heads are saved, in a fixed order: per level the four linear weights, then,
 * with a hidden path, per level its three. A model without one keeps the layout it always had.
 */
export function headWeightNames(hidden = 0): string[] {
  const names = (parts: readonly string[]) =>
    LEVELS.flatMap((_, level) => parts.map((part) => `level${level}/${part}`));
  return hidden ? [...names(LINEAR_PARTS), ...names(HIDDEN_PARTS)] : names(LINEAR_PARTS);
}

/** The heads' tensors in the order of `headWeightNames` (the order of a trained model's weights.bin). */
export function orderedHeadTensors(heads: readonly LevelHeads[]): Tensor[] {
  const linear = heads.flatMap((head) => LINEAR_PARTS.map((part) => head[part]));
  const hidden = heads.flatMap((head) => (head.hiddenOut ? HIDDEN_PARTS.map((part) => head[part] as Tensor) : []));
  return [...linear, ...hidden];
}

/** Heads from tensors in `headWeightNames` order (the caller keeps owning them). */
export function headsFromOrdered(tensors: readonly Tensor[]): LevelHeads[] {
  const hidden = tensors.length > LEVELS.length * LINEAR_PARTS.length;
  return LEVELS.map((_, level) => {
    const at = (part: number) => tensors[level * LINEAR_PARTS.length + part];
    const hiddenAt = (part: number) =>
      tensors[LEVELS.length * LINEAR_PARTS.length + level * HIDDEN_PARTS.length + part];
    return {
      boxKernel: at(0),
      boxBias: at(1),
      classKernel: at(2),
      classBias: at(3),
      ...(hidden ? { hiddenKernel: hiddenAt(0), hiddenBias: hiddenAt(1), hiddenOut: hiddenAt(2) } : {}),
    } as LevelHeads;
  });
}

/** The width of the heads' hidden path; 0 without one. */
export const hiddenWidth = (heads: readonly LevelHeads[]): number => heads[0]?.hiddenKernel?.shape[1] ?? 0;

/**
 * Adds a hidden path of `width` to heads that have none: a seeded He-initialised layer whose output
 * weights start at zero, so the heads' scores do not change until training moves them. Returns new
 * heads holding the old tensors and three new ones per level.
 */
export function withHiddenPath(tf: Tf, heads: readonly LevelHeads[], width: number, seed: number): LevelHeads[] {
  return heads.map((head, level) => {
    const { channels } = LEVELS[level] as FeatureLevel;
    const columns = head.classBias.size;
    return {
      ...head,
      hiddenKernel: tf.randomNormal([channels, width], 0, Math.sqrt(2 / channels), 'float32', seed + level) as Tensor2D,
      hiddenBias: tf.zeros([width]),
      hiddenOut: tf.zeros([width, columns]) as Tensor2D,
    };
  });
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

/** A blank class column's bias: every anchor starts at a 1 % score, as a detector trained from scratch does. */
const BLANK_CLASS_LOGIT = Math.log(0.01 / 0.99);

/**
 * Heads with the graph's own weights, the class head narrowed to background + `classCount` classes,
 * each initialised from COCO's "sports ball" column — so before any training the heads detect
 * exactly what stock COCO-SSD's "sports ball" does. `blank` starts the class columns from nothing
 * instead (zero weights, a 1 % score): what the heads then find, they learnt from the labels alone.
 */
export function headsFromGraph(tf: Tf, model: GraphModel, classCount: number, blank = false): LevelHeads[] {
  const graphColumns = graphClassColumns(model);
  const ball = graphColumns === COCO_COLUMNS ? COCO_SPORTS_BALL : PRUNED_SPORTS_BALL;
  const columns = [COCO_BACKGROUND, ...Array.from({ length: classCount }, () => ball)];
  const kept = columns.map((_, column) => (blank && column > 0 ? 0 : 1));
  const prior = columns.map((_, column) => (blank && column > 0 ? BLANK_CLASS_LOGIT : 0));
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
          classKernel: tf
            .gather(classKernel, columns, 2)
            .mul(tf.tensor1d(kept))
            .reshape([channels, anchors * columns.length]) as Tensor2D,
          classBias: tf
            .gather(classBias, columns, 1)
            .mul(tf.tensor1d(kept))
            .add(tf.tensor1d(prior))
            .reshape([anchors * columns.length]),
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
      const features = cls.reshape([rows, channels]);
      let classOutput = tf.matMul(features, head.classKernel).add(head.classBias);
      if (head.hiddenKernel && head.hiddenBias && head.hiddenOut) {
        const hidden = tf.relu(tf.matMul(features, head.hiddenKernel).add(head.hiddenBias));
        classOutput = classOutput.add(tf.matMul(hidden, head.hiddenOut));
      }
      logits.push(classOutput.reshape([batch, size * size * anchors, 1 + classCount]));
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
