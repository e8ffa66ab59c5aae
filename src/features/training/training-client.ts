// The page's handle on a training worker. One worker per run: when it ends (or is cancelled) the
// worker is terminated, which returns every byte of its memory — GPU buffers included.
import { proxy, type Remote } from 'comlink';
import type { EpochState } from '../../model/model-store.ts';
import type { EpochReport } from '../../model/trained-model.ts';
import { WorkerBridge } from '../../shared/workers/worker-bridge.ts';
import type { TrainingProgress } from './training-progress.ts';
import type { TrainingOutcome, TrainingRequest, TrainingWorkerApi, WorkerMemory } from './training-protocol.ts';

const createWorker = () =>
  new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'tama-training' });

export class TrainingClient {
  // An abort asks the trainer to stop at its next checkpoint, which frees its tensors in the worker.
  // A worker the browser killed (out of memory) is noticed within 5 s by its silence.
  private readonly bridge = new WorkerBridge<TrainingWorkerApi>(createWorker, {
    cancel: (api) => api.cancel(),
    ping: (api) => api.backend(),
  });

  get api(): Remote<TrainingWorkerApi> {
    return this.bridge.api;
  }

  /**
   * Resolves with the best heads; rejects with Cancelled on cancel() or when `signal` aborts, with
   * GpuLost when the worker's GPU went away. `onCheckpoint` gets the state after each epoch.
   */
  train(
    request: TrainingRequest,
    onProgress: (progress: TrainingProgress) => void,
    onEpoch: (report: EpochReport) => void,
    signal?: AbortSignal,
    onCheckpoint?: (state: EpochState) => void,
  ): Promise<TrainingOutcome> {
    return this.bridge.call(
      (api) =>
        api.train(
          request,
          proxy(onProgress),
          proxy(onEpoch),
          onCheckpoint && proxy(onCheckpoint),
        ) as Promise<TrainingOutcome>,
      signal,
    );
  }

  /** Test only: see TrainingWorkerApi.loseGpuForTest. */
  loseGpuForTest(): Promise<boolean> {
    return this.api.loseGpuForTest();
  }

  pause(): Promise<void> {
    return this.api.pause();
  }

  resume(): Promise<void> {
    return this.api.resume();
  }

  cancel(): Promise<void> {
    return this.api.cancel();
  }

  memory(): Promise<WorkerMemory> {
    return this.api.memory();
  }

  terminate() {
    this.bridge.terminate();
  }
}
