// A batch of views on the device, the heads run on it once per step, and the heads' weight gradients
// from the output gradients of head-loss.ts. Each head is a 1×1 layer (a matMul plus a bias), so its
// kernel gradient is inputᵀ · outputGradient over the rows that have any gradient at all: every cell
// holding a matched or hard-negative anchor for the class head, the matched anchors' cells for the
// box head. The products are laid out so that no operand needs a transpose flag (TF.js WASM sends
// transposed matMuls to a slow scalar loop; plain ones go to XNNPACK).
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
    const { tf, columns } = this;
    const width = anchors * columns;
    const cells = size * size;
    const offset = LEVEL_OFFSETS[level] as number;
    // Rows (view, cell) where some anchor is in the loss; elsewhere the gradient is exactly zero.
    const rows: number[] = [];
    this.views.forEach((_, b) => {
      for (let cell = 0; cell < cells; cell++) {
        const from = (b * ANCHOR_COUNT + offset + cell * anchors) * columns;
        for (let i = from; i < from + width; i++) {
          if (logitGradients[i] !== 0) {
            rows.push(b * cells + cell);
            break;
          }
        }
      }
    });
    const transposed = new Float32Array(width * rows.length);
    const bias = new Float32Array(width);
    rows.forEach((row, r) => {
      const b = Math.floor(row / cells);
      const from = (b * ANCHOR_COUNT + offset + (row % cells) * anchors) * columns;
      for (let k = 0; k < width; k++) {
        const value = logitGradients[from + k] as number;
        transposed[k * rows.length + r] = value;
        bias[k] = (bias[k] as number) + value;
      }
    });
    const input = this.classInputs[level] as Tensor2D;
    return {
      classKernel: this.kernelGradient(transposed, width, input, rows, channels),
      classBias: tf.tensor1d(bias),
    };
  }

  private boxGradients(
    boxGradients: Float32Array,
    { channels, anchors }: (typeof LEVELS)[number],
    level: number,
  ): Pick<LevelHeads, 'boxKernel' | 'boxBias'> {
    const { tf } = this;
    const width = anchors * 4;
    const rowCount = this.boxRows[level] as number;
    const transposed = new Float32Array(width * rowCount);
    const bias = new Float32Array(width);
    this.matched.forEach(({ level: at, row, anchorInCell }, i) => {
      if (at !== level) return;
      for (let coordinate = 0; coordinate < 4; coordinate++) {
        const k = anchorInCell * 4 + coordinate;
        const value = boxGradients[i * 4 + coordinate] as number;
        transposed[k * rowCount + row] = (transposed[k * rowCount + row] as number) + value;
        bias[k] = (bias[k] as number) + value;
      }
    });
    const input = this.boxInputs[level];
    return {
      boxKernel: input
        ? this.kernelGradient(transposed, width, input, undefined, channels)
        : tf.zeros([channels, width]),
      boxBias: tf.tensor1d(bias),
    };
  }

  /** (gradientᵀ · rows of `input`)ᵀ: [channels, width]; `rows` picks input rows (all when undefined). */
  private kernelGradient(
    transposed: Float32Array,
    width: number,
    input: Tensor2D,
    rows: number[] | undefined,
    channels: number,
  ): Tensor2D {
    const { tf } = this;
    const count = rows ? rows.length : (input.shape[0] as number);
    if (!count) return tf.zeros([channels, width]);
    const picked = rows ? (tf.gather(input, tf.tensor1d(rows, 'int32')) as Tensor2D) : input;
    return tf.transpose(tf.matMul(tf.tensor2d(transposed, [width, count]), picked) as Tensor2D);
  }

  dispose(): void {
    this.tf.dispose([...this.classInputs, ...this.boxInputs.filter((input): input is Tensor2D => !!input)]);
  }
}
