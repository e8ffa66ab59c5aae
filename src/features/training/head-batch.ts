// A batch of views on the device, the heads run on it once per step, and the heads' weight gradients
// from the output gradients of head-loss.ts. Each head is a 1×1 layer (a matMul plus a bias), so its
// kernel gradient is inputᵀ · outputGradient and its bias gradient the output gradient's column
// sums. The box head only sees the cells of matched anchors: the box loss reads nothing else.
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { ANCHOR_COUNT, decodeBoxes, LEVELS, type LevelHeads } from '../../model/ssd-heads.ts';
import type { HeadLoss, ViewTargets } from './head-loss.ts';

type Tf = typeof tfTypes;

/** What the heads read for one view, kept from the frozen graph's activations. */
export interface HeadInputs {
  /** Per level, the class head's input at every cell, [size², channels]. */
  classFeatures: Tensor2D[];
  /** Per level, the box head's input at `boxCells` only; undefined where there are none. */
  boxFeatures: (Tensor2D | undefined)[];
  /** Per level, ascending cells: those holding a matched anchor (training) or all (validation). */
  boxCells: Int32Array[];
}

export type HeadView = HeadInputs & ViewTargets;

/** First anchor of each level among the 1917. */
const LEVEL_OFFSETS = LEVELS.map((_, level) =>
  LEVELS.slice(0, level).reduce((sum, { size, anchors }) => sum + size * size * anchors, 0),
);

const levelOf = (anchor: number) => LEVEL_OFFSETS.findLastIndex((offset) => anchor >= offset);

function columnSums(matrix: Float32Array, width: number): Float32Array {
  const sums = new Float32Array(width);
  matrix.forEach((value, i) => {
    sums[i % width] = (sums[i % width] as number) + value;
  });
  return sums;
}

/** A head's output gradient, [rows of `input`, width] row-major. */
interface OutputGradient {
  input: Tensor2D | undefined;
  gradient: Float32Array;
  width: number;
}

/** Where a matched anchor's box encoding sits in its level's box output. */
interface MatchedSlot {
  level: number;
  row: number;
  anchorInCell: number;
}

export interface HeadOutputs {
  /** [B, 1917, columns]. */
  logits: Float32Array;
  /** [Σ positives, 4] in the views' `positiveAnchors` order. */
  matchedEncodings: Float32Array;
  /** Decoded normalised corners [B, 1917, 4], when asked for (every view must carry all its cells). */
  boxes?: Float32Array;
}

export class HeadBatch {
  private readonly classInputs: Tensor2D[];
  private readonly boxInputs: (Tensor2D | undefined)[];
  private readonly boxRows: number[];
  private readonly matched: MatchedSlot[] = [];
  /** Per level, the hidden path's activations and output weights of the last `outputs` call, for `gradients`. */
  private hidden: { activations: Tensor2D; out: Tensor2D }[] = [];

  constructor(
    private readonly tf: Tf,
    readonly views: readonly HeadView[],
    private readonly columns: number,
  ) {
    this.classInputs = LEVELS.map((_, level) => tf.concat(views.map((view) => view.classFeatures[level] as Tensor2D)));
    this.boxInputs = LEVELS.map((_, level) => {
      const parts = views.flatMap((view) => view.boxFeatures[level] ?? []);
      return parts.length ? tf.concat(parts) : undefined;
    });
    // Box rows are view after view within a level; a matched anchor's row is its cell's place there.
    const firstRow = LEVELS.map(() => 0);
    for (const view of views) {
      for (const anchor of view.positiveAnchors) {
        const level = levelOf(anchor);
        const { anchors } = LEVELS[level] as (typeof LEVELS)[number];
        const local = anchor - (LEVEL_OFFSETS[level] as number);
        const cell = Math.floor(local / anchors);
        const rowInView = (view.boxCells[level] as Int32Array).indexOf(cell);
        this.matched.push({ level, row: (firstRow[level] as number) + rowInView, anchorInCell: local % anchors });
      }
      view.boxCells.forEach((cells, level) => {
        firstRow[level] = (firstRow[level] as number) + cells.length;
      });
    }
    this.boxRows = firstRow;
  }

  /**
   * Runs `heads` (1-D biases: TF.js WASM fuses only those into the matMul) and reads their outputs
   * back in one piece.
   */
  async outputs(heads: readonly LevelHeads[], anchors?: Tensor2D): Promise<HeadOutputs> {
    const { tf, views, columns, classInputs, boxInputs } = this;
    const batch = views.length;
    this.disposeHidden();
    const flat = tf.tidy(() => {
      const logits = LEVELS.map((_, level) => {
        const head = heads[level] as LevelHeads;
        const input = classInputs[level] as Tensor2D;
        const linear = tf.fused.matMul({ a: input, b: head.classKernel, bias: head.classBias });
        if (!head.hiddenKernel || !head.hiddenOut) return linear.reshape([batch, -1]);
        const activations = tf.fused.matMul({
          a: input,
          b: head.hiddenKernel,
          bias: head.hiddenBias,
          activation: 'relu',
        });
        this.hidden[level] = { activations: tf.keep(activations) as Tensor2D, out: head.hiddenOut };
        return linear.add(tf.matMul(activations, head.hiddenOut)).reshape([batch, -1]);
      });
      const boxOutputs = LEVELS.map((_, level) => {
        const head = heads[level] as LevelHeads;
        const input = boxInputs[level];
        return input && tf.fused.matMul({ a: input, b: head.boxKernel, bias: head.boxBias });
      });
      const parts: Tensor[] = [tf.concat(logits, 1).reshape([-1])];
      for (const output of boxOutputs) if (output) parts.push(output.reshape([-1]));
      if (anchors) {
        const encodings = boxOutputs.map((output) => (output as Tensor).reshape([batch, -1]));
        parts.push(decodeBoxes(tf, anchors, tf.concat(encodings, 1).reshape([batch, ANCHOR_COUNT, 4])).reshape([-1]));
      }
      return tf.concat(parts);
    });
    const values = (await flat.data()) as Float32Array;
    flat.dispose();

    const logitCount = batch * ANCHOR_COUNT * columns;
    const boxStart: number[] = [];
    let at = logitCount;
    LEVELS.forEach(({ anchors }, level) => {
      boxStart.push(at);
      at += (this.boxRows[level] as number) * anchors * 4;
    });
    const matchedEncodings = new Float32Array(this.matched.length * 4);
    this.matched.forEach(({ level, row, anchorInCell }, i) => {
      const from = (boxStart[level] as number) + (row * (LEVELS[level]?.anchors as number) + anchorInCell) * 4;
      matchedEncodings.set(values.subarray(from, from + 4), i * 4);
    });
    return {
      logits: values.subarray(0, logitCount),
      matchedEncodings,
      ...(anchors ? { boxes: values.subarray(at, at + batch * ANCHOR_COUNT * 4) } : {}),
    };
  }

  /**
   * The gradient of every head weight, flat in a trained model's weights order (per level: box
   * kernel, box bias, class kernel, class bias). The biases' are column sums, done here; the
   * kernels' are products on the device, read back in one piece.
   */
  async gradients(loss: HeadLoss): Promise<Float32Array> {
    const { tf } = this;
    const levels = LEVELS.map((level, index) => ({
      box: this.boxGradient(loss.boxGradients, level, index),
      class: this.classGradient(loss.logitGradients, level, index),
    }));
    const products = tf.tidy(() => {
      // Kernel gradients are inputᵀ · outputGradient, [channels, width]. The transpose is an explicit op:
      // with a transpose flag TF.js WASM runs a scalar loop (~20× slower), and with the input as the
      // right-hand operand XNNPACK would repack all of it at every step. Each output gradient and each
      // transpose is made once, for every product that needs it.
      const outputOf = ({ input, gradient, width }: OutputGradient) =>
        tf.tensor2d(gradient, [(input as Tensor2D).shape[0] as number, width]);
      const linear: Tensor[] = [];
      const hidden: Tensor[] = [];
      levels.forEach(({ box, class: cls }, level) => {
        if (box.input) linear.push(tf.matMul(tf.transpose(box.input), outputOf(box)));
        const classInput = tf.transpose(cls.input as Tensor2D);
        const classOutput = outputOf(cls);
        linear.push(tf.matMul(classInput, classOutput));
        hidden.push(...this.hiddenGradients(classInput, classOutput, level));
      });
      return tf.concat([...linear, ...hidden].map((product) => product.reshape([-1])));
    });
    const kernels = (await products.data()) as Float32Array;
    products.dispose();
    let read = 0;
    const take = (size: number) => {
      read += size;
      return kernels.subarray(read - size, read);
    };
    const parts: Float32Array[] = [];
    levels.forEach(({ box, class: cls }, level) => {
      const { channels } = LEVELS[level] as (typeof LEVELS)[number];
      for (const { input, gradient, width } of [box, cls]) {
        // A level without matched anchors has no box input: its kernel gradient is zero.
        parts.push(input ? take(channels * width) : new Float32Array(channels * width));
        parts.push(columnSums(gradient, width));
      }
    });
    // The hidden path's, in the order hiddenGradients made them: kernel, bias, output weights.
    levels.forEach(({ class: cls }, level) => {
      const hidden = this.hidden[level];
      if (!hidden) return;
      const { channels } = LEVELS[level] as (typeof LEVELS)[number];
      const width = hidden.out.shape[0] as number;
      parts.push(take(channels * width), take(width), take(width * cls.width));
    });
    const gradient = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      gradient.set(part, offset);
      offset += part.length;
    }
    return gradient;
  }

  /**
   * The hidden path's weight gradients of one level (`inputT`: its class input, transposed; `output`:
   * the logits' gradient), backpropagated by hand like the rest: out ← hiddenᵀ · g; the hidden units'
   * gradient g · outᵀ where they were active (ReLU), then kernel ← inputᵀ · that and bias ← its column sums.
   */
  private hiddenGradients(inputT: Tensor, output: Tensor2D, level: number): Tensor[] {
    const hidden = this.hidden[level];
    if (!hidden) return [];
    const { tf } = this;
    const unitGradient = tf.matMul(output, tf.transpose(hidden.out)).mul(tf.step(hidden.activations));
    return [tf.matMul(inputT, unitGradient), unitGradient.sum(0), tf.matMul(tf.transpose(hidden.activations), output)];
  }

  /** The class head's output gradient of level `level`, rows as in its batch input. */
  private classGradient(
    logitGradients: Float32Array,
    { size, anchors }: (typeof LEVELS)[number],
    level: number,
  ): OutputGradient {
    const { columns, views } = this;
    const width = anchors * columns;
    const perView = size * size * width;
    // A level's logits are one run per view in [B, 1917, columns]: the gradient's rows, view after view.
    const gradient = new Float32Array(views.length * perView);
    views.forEach((_, b) => {
      const from = (b * ANCHOR_COUNT + (LEVEL_OFFSETS[level] as number)) * columns;
      gradient.set(logitGradients.subarray(from, from + perView), b * perView);
    });
    return { input: this.classInputs[level], gradient, width };
  }

  /** The box head's output gradient of level `level`, rows as in its batch input (matched cells). */
  private boxGradient(boxGradients: Float32Array, { anchors }: (typeof LEVELS)[number], level: number): OutputGradient {
    const width = anchors * 4;
    const gradient = new Float32Array((this.boxRows[level] as number) * width);
    this.matched.forEach(({ level: at, row, anchorInCell }, i) => {
      if (at === level) gradient.set(boxGradients.subarray(i * 4, i * 4 + 4), row * width + anchorInCell * 4);
    });
    return { input: this.boxInputs[level], gradient, width };
  }

  private disposeHidden(): void {
    this.tf.dispose(this.hidden.map(({ activations }) => activations));
    this.hidden = [];
  }

  dispose(): void {
    this.disposeHidden();
    this.tf.dispose([...this.classInputs, ...this.boxInputs.filter((input): input is Tensor2D => !!input)]);
  }
}
