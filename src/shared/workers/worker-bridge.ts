// The page's typed handle on a comlink worker: started on first use, stopped by terminate() (which
// returns every byte of its memory, GPU buffers included), optionally after some idle time, and calls
// that end early by an AbortSignal.
import { type Remote, releaseProxy, wrap } from 'comlink';
import { Cancelled } from '../cancelled.ts';

export interface WorkerBridgeOptions<Api> {
  /** Stop the worker after this many ms without a call in flight; it starts again on the next call. */
  idleMs?: number;
  /** Asks the worker to stop the current call (it then rejects with Cancelled); else the worker is terminated. */
  cancel?: (api: Remote<Api>) => Promise<void>;
}

export class WorkerBridge<Api> {
  private worker: Worker | undefined;
  private remote: Remote<Api> | undefined;
  private inFlight = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** `create` must call `new Worker(new URL('…', import.meta.url))` itself, so the bundler finds the worker. */
  constructor(
    private readonly create: () => Worker,
    private readonly options: WorkerBridgeOptions<Api> = {},
  ) {}

  /** The worker's API, starting the worker if needed. */
  get api(): Remote<Api> {
    if (!this.remote) {
      this.worker = this.create();
      this.remote = wrap<Api>(this.worker);
    }
    return this.remote;
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Runs one call; an abort rejects it with Cancelled (after the worker stopped, or was terminated). */
  async call<Result>(run: (api: Remote<Api>) => Promise<Result>, signal?: AbortSignal): Promise<Result> {
    if (signal?.aborted) throw new Cancelled();
    clearTimeout(this.idleTimer);
    this.inFlight++;
    const api = this.api;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        if (this.options.cancel) void this.options.cancel(api).catch(() => this.terminate());
        else this.terminate();
        reject(new Cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([run(api), aborted]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.inFlight--;
      this.scheduleIdleStop();
    }
  }

  terminate(): void {
    clearTimeout(this.idleTimer);
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
  }

  private scheduleIdleStop() {
    const { idleMs } = this.options;
    if (idleMs === undefined || this.inFlight > 0 || !this.worker) return;
    this.idleTimer = setTimeout(() => this.terminate(), idleMs);
  }
}
