// Which epoch's heads a run keeps, and when it stops early: patience epochs without improvement.
import type { Evaluation } from './validation.ts';

export interface Score {
  map: number;
  loss: number;
}

/** Better = higher validation mAP; at equal mAP (often 1.0 on easy sets) lower validation loss. */
export const improves = (best: Score, candidate: Score): boolean =>
  candidate.map > best.map + 1e-9 || (Math.abs(candidate.map - best.map) <= 1e-9 && candidate.loss < best.loss);

const scoreOf = (evaluation: Evaluation): Score => ({ map: evaluation.valMAP50 ?? 0, loss: evaluation.valLoss });

export interface EarlyStoppingOptions {
  /** Without validation photos there is nothing to choose by: the last epoch is kept. */
  validation: boolean;
  epochs: number;
  patience: number;
}

/** Holds a copy of the best head weights so far (epoch 0, the starting heads, to begin with). */
export class EarlyStopping {
  epoch = 0;
  private score: Score;
  private best: Float32Array;

  constructor(
    weights: Float32Array,
    stock: Evaluation | Score,
    private readonly options: EarlyStoppingOptions,
  ) {
    this.score = 'map' in stock ? { ...stock } : scoreOf(stock);
    this.best = weights.slice();
  }

  /** Where a run that stopped after `epoch` left off: its best epoch so far, that epoch's score and heads. */
  static resumed(
    best: { epoch: number; score: Score; weights: Float32Array },
    options: EarlyStoppingOptions,
  ): EarlyStopping {
    const stopping = new EarlyStopping(best.weights, best.score, options);
    stopping.epoch = best.epoch;
    return stopping;
  }

  get bestScore(): Score {
    return { ...this.score };
  }

  /** Whether a run whose last epoch was `epoch` has more epochs to go. */
  continuesAfter(epoch: number): boolean {
    const { validation, epochs, patience } = this.options;
    return epoch < epochs && !(validation && epoch - this.epoch >= patience);
  }

  /** Keeps `weights` if epoch `epoch` is the best so far; false when the run should stop. */
  offer(epoch: number, evaluation: Evaluation, weights: Float32Array): boolean {
    const { validation, epochs, patience } = this.options;
    if (validation ? improves(this.score, scoreOf(evaluation)) : epoch === epochs) {
      this.epoch = epoch;
      this.score = scoreOf(evaluation);
      this.best = weights.slice();
      return true;
    }
    return !(validation && epoch - this.epoch >= patience);
  }

  /** The best weights (a copy that later steps do not change). */
  take(): Float32Array {
    return this.best;
  }
}
