// Which epoch's heads a run keeps, and when it stops early: patience epochs without improvement.
import type * as tfTypes from '@tensorflow/tfjs';
import type { LevelHeads } from '../../model/ssd-heads.ts';
import { headTensors, snapshotHeads } from './trainable-heads.ts';
import type { Evaluation } from './validation.ts';

type Tf = typeof tfTypes;

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

/** Holds a copy of the best heads so far (epoch 0, the stock heads, to begin with). */
export class EarlyStopping {
  epoch = 0;
  private score: Score;
  private best: LevelHeads[];

  constructor(
    private readonly tf: Tf,
    heads: readonly LevelHeads[],
    stock: Evaluation,
    private readonly options: EarlyStoppingOptions,
  ) {
    this.score = scoreOf(stock);
    this.best = snapshotHeads(heads);
  }

  /** Keeps `heads` if epoch `epoch` is the best so far; false when the run should stop. */
  offer(epoch: number, evaluation: Evaluation, heads: readonly LevelHeads[]): boolean {
    const { validation, epochs, patience } = this.options;
    if (validation ? improves(this.score, scoreOf(evaluation)) : epoch === epochs) {
      this.tf.dispose(headTensors(this.best));
      this.epoch = epoch;
      this.score = scoreOf(evaluation);
      this.best = snapshotHeads(heads);
      return true;
    }
    return !(validation && epoch - this.epoch >= patience);
  }

  /** The best heads; the caller owns them from now on. */
  take(): LevelHeads[] {
    return this.best;
  }

  dispose(): void {
    this.tf.dispose(headTensors(this.best));
  }
}
