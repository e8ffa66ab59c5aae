// The page's handle on a training worker. One worker per run: when it ends (or is cancelled) the
// worker is terminated, which returns every byte of its memory — GPU buffers included.
import { proxy, type Remote, wrap } from 'comlink';
import type { EpochReport } from '../../model/trained-model.ts';
import type { TrainingProgress } from './trainer.ts';
import type { TrainingOutcome, TrainingRequest, TrainingWorkerApi, WorkerMemory } from './training-protocol.ts';

export class TrainingClient {
  private readonly worker = new Worker(new URL('./training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'tama-training',
  });
  readonly api: Remote<TrainingWorkerApi> = wrap<TrainingWorkerApi>(this.worker);

  train(
    request: TrainingRequest,
    onProgress: (progress: TrainingProgress) => void,
    onEpoch: (report: EpochReport) => void,
  ): Promise<TrainingOutcome> {
    return this.api.train(request, proxy(onProgress), proxy(onEpoch)) as Promise<TrainingOutcome>;
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
    this.worker.terminate();
  }
}
