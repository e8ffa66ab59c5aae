// The typed surface between the page and the training worker (called through comlink). Everything
// crossing it is structured-cloneable: Blobs for photos, plain objects and a Float32Array back.

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
  start?: TrainedModel;
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
  /** Resolves with the best heads; rejects with a Cancelled error on cancel. */
  train(
    request: TrainingRequest,
    onProgress: (progress: TrainingProgress) => void,
    onEpoch: (report: EpochReport) => void,
  ): Promise<TrainingOutcome>;
  pause(): void;
  resume(): void;
  cancel(): void;
  backend(): Promise<BackendName | undefined>;
  memory(): Promise<WorkerMemory>;
}
