// The page's handle on a label-check worker. One worker per run: terminating it at the end returns
// every byte of its memory.
import { proxy } from 'comlink';
import { WorkerBridge } from '../../shared/workers/worker-bridge.ts';
import type {
  CheckOutcome,
  CheckProgress,
  CheckRequest,
  LabelCheckWorkerApi,
  NoiseLabProgress,
  NoiseLabRequest,
  NoiseLabResult,
} from './label-check-protocol.ts';

const createWorker = () =>
  new Worker(new URL('./label-check.worker.ts', import.meta.url), { type: 'module', name: 'tama-label-check' });

export class LabelCheckClient {
  // An abort asks the run to stop at its next checkpoint, which frees its tensors in the worker.
  private readonly bridge = new WorkerBridge<LabelCheckWorkerApi>(createWorker, {
    cancel: (api) => api.cancel(),
    ping: (api) => api.ping(),
  });

  /** Rejects with Cancelled when `signal` aborts. */
  check(
    request: CheckRequest,
    onProgress: (progress: CheckProgress) => void,
    signal?: AbortSignal,
  ): Promise<CheckOutcome> {
    return this.bridge.call((api) => api.check(request, proxy(onProgress)) as Promise<CheckOutcome>, signal);
  }

  noiseLab(
    request: NoiseLabRequest,
    onProgress: (progress: NoiseLabProgress) => void,
    onResult: (result: NoiseLabResult) => void,
    signal?: AbortSignal,
  ): Promise<NoiseLabResult[]> {
    return this.bridge.call(
      (api) => api.noiseLab(request, proxy(onProgress), proxy(onResult)) as Promise<NoiseLabResult[]>,
      signal,
    );
  }

  pause(): Promise<void> {
    return this.bridge.api.pause();
  }

  resume(): Promise<void> {
    return this.bridge.api.resume();
  }

  terminate(): void {
    this.bridge.terminate();
  }
}
