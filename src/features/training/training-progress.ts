// Progress of a whole run in work units (views, then batches), with an ETA from the pace so far.
import type { BackendName } from '../../shared/backend/backends.ts';
import { estimateRemaining } from '../../shared/format-duration.ts';

export interface TrainingProgress {
  phase: 'loading' | 'features' | 'training' | 'done';
  /** Work units done and to do in the whole run (views, then batches). */
  done: number;
  total: number;
  epoch?: number;
  etaMs?: number;
  /** Validation mAP@0.5 of the untouched COCO heads (epoch 0), once measured. */
  stockValMAP50?: number | null;
  /** The backend the run computes on, once chosen. */
  backend?: BackendName;
}

/** Progress of any run in work units; training runs use TrainingProgress's phases. */
export type PhasedProgress<Phase extends string> = Omit<TrainingProgress, 'phase'> & { phase: Phase };

export class ProgressReporter<Phase extends string = TrainingProgress['phase']> {
  private done = 0;
  private readonly started = performance.now();
  /** Reported from the moment it is known. */
  stockValMAP50: number | null | undefined;

  constructor(
    private readonly total: number,
    private readonly onProgress: (progress: PhasedProgress<Phase | 'done'>) => void,
  ) {}

  get elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** One more unit of work done in `phase`. */
  advance(phase: Phase, epoch?: number): void {
    this.done++;
    this.report(phase, epoch);
  }

  finish(): void {
    this.done = this.total;
    this.report('done');
  }

  private report(phase: Phase | 'done', epoch?: number): void {
    const { done, total, stockValMAP50 } = this;
    const etaMs = estimateRemaining(this.elapsedMs, done, total);
    this.onProgress({
      phase,
      done,
      total,
      ...(epoch === undefined ? {} : { epoch }),
      ...(stockValMAP50 === undefined ? {} : { stockValMAP50 }),
      ...(etaMs === undefined ? {} : { etaMs }),
    });
  }
}
