// The typed surface between the page and the training worker (called through comlink). Everything
// crossing it is structured-cloneable: Blobs for photos, plain objects and a Float32Array back.

import type { EpochState } from '../../model/model-store.ts';
import type { EpochReport, TrainedMetrics, TrainedModel, TrainSettings } from '../../model/trained-model.ts';
import type { BackendChoice, BackendName } from '../../shared/backend/backends.ts';
import type { TrainingProgress } from './training-progress.ts';
import type { TrainingImage } from './training-views.ts';

export interface TrainingRequest {
  train: TrainingImage[];
  val: TrainingImage[];
  settings: TrainSettings;
  backend: BackendChoice;
  /** model.json of the base graph, absolute (the worker has no page to resolve it against). */
  modelUrl: string;
  /** Heads to start from (e.g. the default ball model); without it, COCO's own "sports ball" heads. */
  start?: TrainedModel | 'blank';
  /** Go on from this state (a run interrupted by a reload, a crash or a lost GPU) instead of starting over. */
  resume?: EpochState;
}

export interface TrainingOutcome {
  weights: Float32Array;
  metrics: TrainedMetrics;
}

export interface WorkerMemory {
  numTensors: number;
  numBytes: number;
}

export interface TrainingWorkerApi {
  /**
   * Resolves with the best heads; rejects with a Cancelled error on cancel, with a GpuLost error when
   * the GPU went away (the last state given to `onCheckpoint` is where to go on from).
   */
  train(
    request: TrainingRequest,
    onProgress: (progress: TrainingProgress) => void,
    onEpoch: (report: EpochReport) => void,
    onCheckpoint?: (state: EpochState) => void,
  ): Promise<TrainingOutcome>;
  pause(): void;
  resume(): void;
  cancel(): void;
  backend(): Promise<BackendName | undefined>;
  memory(): Promise<WorkerMemory>;
  /** Test only: loses the run's GPU through the real browser APIs; false when it runs on none. */
  loseGpuForTest(): Promise<boolean>;
}
