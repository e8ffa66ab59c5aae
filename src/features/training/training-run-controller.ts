import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EpochReport } from '../../model/trained-model.ts';
import { isCancelled } from '../../shared/cancelled.ts';
import { trackWork } from '../../shared/work-in-progress.ts';
import { TrainingClient } from './training-client.ts';
import type { TrainingProgress } from './training-progress.ts';
import type { TrainingOutcome, TrainingRequest } from './training-protocol.ts';

/** idle → running ⇄ paused → done | failed | cancelled; then a new run may start. */
export type RunState = 'idle' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

const warnBeforeUnload = (event: BeforeUnloadEvent) => {
  event.preventDefault();
};

/**
 * One fine-tuning run at a time, in its own worker: progress and epochs as they come, the screen kept
 * awake and a warning before the tab closes while it runs. The run ends with the host: a worker nobody
 * watches would only drain the battery. Ending it any way terminates the worker, which frees all of
 * its memory.
 */
export class TrainingRunController implements ReactiveController {
  state: RunState = 'idle';
  progress: TrainingProgress | undefined;
  epochs: EpochReport[] = [];
  /** Validation mAP@0.5 of the stock heads (epoch 0), once the run has measured it. */
  stockValMAP50: number | null = null;
  /** Why the last run failed. */
  error: unknown;
  private client: TrainingClient | undefined;
  private abort: AbortController | undefined;
  private wakeLock: WakeLockSentinel | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    trackWork(host, 'training', () => this.active);
  }

  hostDisconnected() {
    this.abort?.abort();
  }

  /** Running or paused: the settings are locked. */
  get active(): boolean {
    return this.state === 'running' || this.state === 'paused';
  }

  /** Time left in the run, once its pace is known. */
  get etaMs(): number | undefined {
    return this.progress?.phase === 'done' ? undefined : this.progress?.etaMs;
  }

  /**
   * Trains, then hands the outcome to `finish` (which saves it) while the run still counts as running,
   * so leaving the page before the model is stored still warns. Resolves with what `finish` returned,
   * or undefined when the run was cancelled or failed (see `state` and `error`).
   */
  async start<T>(request: TrainingRequest, finish: (outcome: TrainingOutcome) => Promise<T>): Promise<T | undefined> {
    if (this.active) return undefined;
    const abort = new AbortController();
    const client = new TrainingClient();
    this.abort = abort;
    this.client = client;
    this.state = 'running';
    this.epochs = [];
    this.stockValMAP50 = null;
    this.error = undefined;
    this.progress = { phase: 'loading', done: 0, total: 1 };
    this.host.requestUpdate();
    window.addEventListener('beforeunload', warnBeforeUnload);
    await this.keepAwake();
    // Messages the worker sent before it heard of a cancel are no news any more.
    const current = () => this.abort === abort && !abort.signal.aborted;
    try {
      const outcome = await client.train(
        request,
        (progress) => {
          if (!current()) return;
          this.progress = progress;
          if (progress.stockValMAP50 !== undefined) this.stockValMAP50 = progress.stockValMAP50;
          this.host.requestUpdate();
        },
        (report) => {
          if (!current()) return;
          this.epochs = [...this.epochs, report];
          this.host.requestUpdate();
        },
        abort.signal,
      );
      this.stockValMAP50 = outcome.metrics.stockValMAP50;
      const result = await finish(outcome);
      this.state = 'done';
      return result;
    } catch (error) {
      if (isCancelled(error)) {
        this.state = 'cancelled';
      } else {
        this.state = 'failed';
        this.error = error;
      }
      return undefined;
    } finally {
      client.terminate();
      if (this.client === client) this.client = undefined;
      if (this.abort === abort) this.abort = undefined;
      window.removeEventListener('beforeunload', warnBeforeUnload);
      void this.releaseWakeLock();
      this.host.requestUpdate();
    }
  }

  async pause() {
    const client = this.client;
    if (!client || this.state !== 'running') return;
    await client.pause();
    if (this.client === client && this.state === 'running') this.setState('paused');
  }

  async resume() {
    const client = this.client;
    if (!client || this.state !== 'paused') return;
    await client.resume();
    if (this.client === client && this.state === 'paused') this.setState('running');
  }

  cancel() {
    this.abort?.abort();
  }

  private setState(state: RunState) {
    this.state = state;
    this.host.requestUpdate();
  }

  private async keepAwake() {
    try {
      this.wakeLock = await navigator.wakeLock?.request('screen');
    } catch {
      // Refused (battery saver, hidden tab): training still runs, the screen may just sleep.
    }
  }

  private async releaseWakeLock() {
    const lock = this.wakeLock;
    this.wakeLock = undefined;
    await lock?.release().catch(() => {});
  }
}
