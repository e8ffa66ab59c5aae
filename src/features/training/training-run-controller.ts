import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EpochState } from '../../model/model-store.ts';
import type { EpochReport } from '../../model/trained-model.ts';
import { BACKENDS, type BackendName } from '../../shared/backend/backends.ts';
import { isCancelled } from '../../shared/cancelled.ts';
import { trackWork } from '../../shared/work-in-progress.ts';
import { isGpuLost } from './gpu-lost.ts';
import type { RunJournal } from './run-checkpoint.ts';
import type { TrainingClient } from './training-client.ts';
import type { TrainingProgress } from './training-progress.ts';
import type { TrainingOutcome, TrainingRequest } from './training-protocol.ts';

/** idle → running ⇄ paused → done | failed | cancelled; then a new run may start. */
export type RunState = 'idle' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

const warnBeforeUnload = (event: BeforeUnloadEvent) => {
  event.preventDefault();
};

/** Held by the tab whose run is going, so another tab does not offer to keep or resume it. */
const RUN_LOCK = 'tama-lab-training-run';

/** Takes the run lock until the returned function is called. */
function holdLock(): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  void navigator.locks?.request(RUN_LOCK, () => held).catch(() => {});
  return release;
}

/** The run's GPU went away and it went on elsewhere: from which backend to which, from which epoch. */
export interface GpuFallback {
  lost: BackendName;
  backend: BackendName;
  epoch: number;
}

/** Whether a training run is going in another tab of this app (false where Web Locks are missing). */
export async function runGoingElsewhere(): Promise<boolean> {
  const state = await navigator.locks?.query().catch(() => undefined);
  return !!state?.held?.some((lock) => lock.name === RUN_LOCK);
}

/** The backend after `lost` in the speed order: a lost GPU is not tried again in this run. */
export function backendAfter(lost: BackendName): BackendName | undefined {
  return BACKENDS[BACKENDS.indexOf(lost) + 1];
}

/**
 * One fine-tuning run at a time, in its own worker: progress and epochs as they come, the screen kept
 * awake and a warning before the tab closes while it runs. The run ends with the host: a worker nobody
 * watches would only drain the battery (its journal keeps the state, so the page can offer to resume).
 * Ending it any way terminates the worker, which frees all of its memory. When the worker's GPU is
 * lost, the run goes on in a new worker on the next backend, from its last finished epoch.
 */
export class TrainingRunController implements ReactiveController {
  state: RunState = 'idle';
  progress: TrainingProgress | undefined;
  epochs: EpochReport[] = [];
  /** Validation mAP@0.5 of the stock heads (epoch 0), once the run has measured it. */
  stockValMAP50: number | null = null;
  /** Why the last run failed. */
  error: unknown;
  /** The backend the run computes on, once its worker chose it. */
  backend: BackendName | undefined;
  /** Set when the run lost its GPU and went on on another backend. */
  fallback: GpuFallback | undefined;
  private client: TrainingClient | undefined;
  private abort: AbortController | undefined;
  private discardOnCancel = false;
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
   * or undefined when the run was cancelled or failed (see `state` and `error`). After each epoch the
   * state goes to `journal`; `finish` runs after the last save, so it may delete what was saved.
   */
  async start<T>(
    request: TrainingRequest,
    finish: (outcome: TrainingOutcome) => Promise<T>,
    journal?: RunJournal,
  ): Promise<T | undefined> {
    if (this.active) return undefined;
    const abort = new AbortController();
    this.abort = abort;
    this.discardOnCancel = false;
    this.state = 'running';
    this.epochs = request.resume?.epochs ?? [];
    this.stockValMAP50 = request.resume?.stockValMAP50 ?? null;
    this.error = undefined;
    this.backend = undefined;
    this.fallback = undefined;
    this.progress = { phase: 'loading', done: 0, total: 1 };
    this.host.requestUpdate();
    window.addEventListener('beforeunload', warnBeforeUnload);
    const releaseLock = holdLock();
    await this.keepAwake();
    let saving = Promise.resolve();
    let last = request.resume;
    try {
      // The worker's side (comlink, the worker bridge) loads with the first run, not with the page.
      const { TrainingClient } = await import('./training-client.ts');
      let attempt = request;
      for (;;) {
        const client = new TrainingClient();
        this.client = client;
        try {
          const outcome = await this.follow(client, attempt, abort, (state) => {
            last = state;
            saving = saving.then(() => journal?.save(state)).catch((error) => console.warn('checkpoint', error));
          });
          this.stockValMAP50 = outcome.metrics.stockValMAP50;
          await saving;
          const result = await finish(outcome);
          this.state = 'done';
          return result;
        } catch (error) {
          const lost = this.backend;
          const next = lost && backendAfter(lost);
          if (!isGpuLost(error) || abort.signal.aborted || !next) throw error;
          this.fallback = { lost, backend: next, epoch: last?.epoch ?? 0 };
          this.epochs = last?.epochs ?? [];
          this.backend = undefined;
          // A new worker is never paused.
          this.state = 'running';
          attempt = { ...attempt, backend: next, ...(last ? { resume: last } : {}) };
        } finally {
          client.terminate();
        }
      }
    } catch (error) {
      if (isCancelled(error)) {
        this.state = 'cancelled';
        if (this.discardOnCancel) await saving.then(() => journal?.discard()).catch(() => {});
      } else {
        this.state = 'failed';
        this.error = error;
      }
      return undefined;
    } finally {
      this.client = undefined;
      if (this.abort === abort) this.abort = undefined;
      window.removeEventListener('beforeunload', warnBeforeUnload);
      releaseLock();
      void this.releaseWakeLock();
      this.host.requestUpdate();
    }
  }

  /** Trains in `client`, taking in its progress, epochs and states while it is the run's current worker. */
  private follow(
    client: TrainingClient,
    request: TrainingRequest,
    abort: AbortController,
    onState: (state: EpochState) => void,
  ): Promise<TrainingOutcome> {
    // Messages from a worker that was cancelled or replaced are no news any more.
    const current = () => this.client === client && this.abort === abort && !abort.signal.aborted;
    return client.train(
      request,
      (progress) => {
        if (!current()) return;
        this.progress = progress;
        if (progress.stockValMAP50 !== undefined) this.stockValMAP50 = progress.stockValMAP50;
        if (progress.backend) this.backend = progress.backend;
        this.host.requestUpdate();
      },
      (report) => {
        if (!current()) return;
        this.epochs = [...this.epochs, report];
        this.host.requestUpdate();
      },
      abort.signal,
      (state) => {
        if (current()) onState(state);
      },
    );
  }

  /** Test only: loses the GPU of the run's worker through the real browser APIs. */
  loseGpuForTest(): Promise<boolean> {
    return this.client?.loseGpuForTest() ?? Promise.resolve(false);
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

  /** Stops the run and forgets it (leaving the page stops it too, but keeps its state to resume). */
  cancel() {
    this.discardOnCancel = true;
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
