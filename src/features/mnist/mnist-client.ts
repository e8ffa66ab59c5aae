// The page's handle on the MNIST worker: started on first use, terminated when the page goes (which
// returns all of its memory, the 70,000 digits and any GPU buffers included).
import { proxy, type Remote } from 'comlink';
import type { DownloadProgress } from '../../shared/download-progress.ts';
import { WorkerBridge } from '../../shared/workers/worker-bridge.ts';
import type {
  MnistEpochReport,
  MnistInfo,
  MnistProgress,
  MnistResult,
  MnistTrainOptions,
  MnistWorkerApi,
} from './mnist-protocol.ts';

// The literal `new Worker(new URL(…))` is what lets Vite find and bundle the worker.
const startWorker = () =>
  new Worker(new URL('./mnist.worker.ts', import.meta.url), {
    type: 'module',
    name: 'tama-mnist',
  });

export class MnistClient {
  private readonly bridge = new WorkerBridge<MnistWorkerApi>(startWorker, { cancel: (api) => api.cancel() });

  get api(): Remote<MnistWorkerApi> {
    return this.bridge.api;
  }

  /** Downloads the digits the first time (bytes reported to `onDownload`) and describes them. */
  info(onDownload: (progress: DownloadProgress) => void): Promise<MnistInfo> {
    return this.bridge.api.info(proxy(onDownload)) as Promise<MnistInfo>;
  }

  /** An abort of `signal` rejects at once with Cancelled and asks the worker to stop after its current batch. */
  train(
    options: MnistTrainOptions,
    onProgress: (progress: MnistProgress) => void = () => {},
    onEpoch: (report: MnistEpochReport) => void = () => {},
    signal?: AbortSignal,
  ): Promise<MnistResult> {
    return this.bridge.call(
      (api) => api.train(options, proxy(onProgress), proxy(onEpoch)) as Promise<MnistResult>,
      signal,
    );
  }

  /**
   * Asks the worker to stop its current run; that run then rejects with the worker's Cancelled, once the
   * worker has really stopped, so a new run never overlaps the one being stopped.
   */
  cancel(): void {
    if (this.bridge.running) void this.bridge.api.cancel();
  }

  terminate(): void {
    this.bridge.terminate();
  }
}
