// The page's typed handle on a comlink worker: started on first use, stopped by terminate() (which
// returns every byte of its memory, GPU buffers included), optionally after some idle time, and calls
// that end early by an AbortSignal.
import { type Remote, releaseProxy, wrap } from 'comlink';
import { Cancelled } from '../cancelled.ts';
import { ProblemError, problem } from '../problem.ts';

/** How often a watched worker is asked whether it is alive, and how long it may stay silent. */
const PING_EVERY_MS = 500;
const SILENT_FOR_MS = 3500;

export interface WorkerBridgeOptions<Api> {
  /** Stop the worker after this many ms without a call in flight; it starts again on the next call. */
  idleMs?: number;
  /** Asks the worker to stop the current call (it then rejects with Cancelled); else the worker is terminated. */
  cancel?: (api: Remote<Api>) => Promise<void>;
  /**
   * A quick call the worker answers between two pieces of work. While a call is in flight the worker is
   * asked twice a second; silent for 3.5 s, or an uncaught error in it, and the call rejects with a
   * 'worker.died' ProblemError: a worker the browser killed (out of memory) never answers again.
   */
  ping?: (api: Remote<Api>) => Promise<unknown>;
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
      const worker = this.create();
      worker.addEventListener('error', (event) => {
        if (!this.died) return;
        // Reported as the call's failure, not again as the page's own uncaught error.
        event.preventDefault();
        this.died(`uncaught in the worker: ${event.message}`);
      });
      this.worker = worker;
      this.remote = wrap<Api>(worker);
    }
    return this.remote;
  }

  /** Set while a watched call is in flight: rejects it as a worker death. */
  private died: ((detail: string) => void) | undefined;

  /** Rejects when the worker stops answering pings or throws uncaught; never resolves. */
  private watch(
    api: Remote<Api>,
    ping: (api: Remote<Api>) => Promise<unknown>,
  ): { dead: Promise<never>; stop: () => void } {
    let lastAnswer = performance.now();
    let waiting = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const dead = new Promise<never>((_, reject) => {
      this.died = (detail) => {
        clearInterval(timer);
        this.died = undefined;
        this.terminate();
        reject(new ProblemError(problem('worker.died', detail)));
      };
      timer = setInterval(() => {
        if (performance.now() - lastAnswer > SILENT_FOR_MS) {
          this.died?.(`no answer for ${SILENT_FOR_MS / 1000} s`);
          return;
        }
        if (waiting) return;
        waiting = true;
        void ping(api)
          .then(() => {
            lastAnswer = performance.now();
          })
          .catch(() => {})
          .finally(() => {
            waiting = false;
          });
      }, PING_EVERY_MS);
    });
    dead.catch(() => {});
    return {
      dead,
      stop: () => {
        clearInterval(timer);
        this.died = undefined;
      },
    };
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
    const watch = this.options.ping && this.watch(api, this.options.ping);
    try {
      return await Promise.race([run(api), aborted, ...(watch ? [watch.dead] : [])]);
    } finally {
      watch?.stop();
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
