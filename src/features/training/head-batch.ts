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

  /** Runs the heads and reads their outputs back: the one wait of a step. */
  async outputs(heads: readonly LevelHeads[], anchors?: Tensor2D): Promise<HeadOutputs> {
    const { tf, views, columns, classInputs, boxInputs } = this;
    const batch = views.length;
    const boxOutputs: (Tensor | undefined)[] = [];
    const flat = tf.tidy(() => {
      const logits = LEVELS.map((_, level) => {
        const head = heads[level] as LevelHeads;
        const input = classInputs[level] as Tensor2D;
        return tf
          .matMul(input, head.classKernel)
          .add(head.classBias.reshape([-1]))
          .reshape([batch, -1]);
      });
      const parts: Tensor[] = [tf.concat(logits, 1).reshape([-1])];
      LEVELS.forEach((_, level) => {
        const head = heads[level] as LevelHeads;
        const input = boxInputs[level];
        const output = input && tf.matMul(input, head.boxKernel).add(head.boxBias.reshape([-1]));
        boxOutputs.push(output);
        if (output) parts.push(output.reshape([-1]));
      });
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
      at += (boxInputs[level] ? (this.boxRows[level] as number) : 0) * anchors * 4;
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

  /** The gradients of `heads` (same keys and shapes) from the outputs' gradients. */
  gradients(heads: readonly LevelHeads[], loss: HeadLoss): LevelHeads[] {
    const { tf } = this;
    return tf.tidy(() =>
      LEVELS.map((level, index) => {
        const gradients: LevelHeads = {
          ...this.classGradients(loss.logitGradients, level, index),
          ...this.boxGradients(loss.boxGradients, level, index),
        };
        // Biases keep the shape they came with (the graph's may be [1, 1, 1, n]).
        const head = heads[index] as LevelHeads;
        return {
          ...gradients,
          classBias: gradients.classBias.reshape(head.classBias.shape),
          boxBias: gradients.boxBias.reshape(head.boxBias.shape),
        };
      }),
    ) as unknown as LevelHeads[];
  }

  private classGradients(
    logitGradients: Float32Array,
    { size, channels, anchors }: (typeof LEVELS)[number],
    level: number,
  ): Pick<LevelHeads, 'classKernel' | 'classBias'> {
    const { tf, columns, views } = this;
    const width = anchors * columns;
    const perView = size * size * width;
    // A level's logits are one run per view in [B, 1917, columns]: the gradient's rows, view after view.
    const gradient = new Float32Array(views.length * perView);
    views.forEach((_, b) => {
      const from = (b * ANCHOR_COUNT + (LEVEL_OFFSETS[level] as number)) * columns;
      gradient.set(logitGradients.subarray(from, from + perView), b * perView);
    });
    return {
      classKernel: this.kernelGradient(gradient, width, this.classInputs[level], channels),
      classBias: tf.tensor1d(columnSums(gradient, width)),
    };
  }

  private boxGradients(
    boxGradients: Float32Array,
    { channels, anchors }: (typeof LEVELS)[number],
    level: number,
  ): Pick<LevelHeads, 'boxKernel' | 'boxBias'> {
    const width = anchors * 4;
    const gradient = new Float32Array((this.boxRows[level] as number) * width);
    this.matched.forEach(({ level: at, row, anchorInCell }, i) => {
      if (at !== level) return;
      gradient.set(boxGradients.subarray(i * 4, i * 4 + 4), row * width + anchorInCell * 4);
    });
    return {
      boxKernel: this.kernelGradient(gradient, width, this.boxInputs[level], channels),
      boxBias: this.tf.tensor1d(columnSums(gradient, width)),
    };
  }

  /**
   * inputᵀ · gradient, [channels, width]. The transpose is an explicit op: with a transpose flag
   * TF.js WASM runs a scalar loop (~20× slower), and with the input as the right-hand operand
   * XNNPACK would repack all of it at every step.
   */
  private kernelGradient(
    gradient: Float32Array,
    width: number,
    input: Tensor2D | undefined,
    channels: number,
  ): Tensor2D {
    const { tf } = this;
    if (!input) return tf.zeros([channels, width]);
    return tf.matMul(tf.transpose(input), tf.tensor2d(gradient, [input.shape[0] as number, width]));
  }

  dispose(): void {
    this.tf.dispose([...this.classInputs, ...this.boxInputs.filter((input): input is Tensor2D => !!input)]);
  }
}
