// The typed surface between the page and the label-check worker (called through comlink): the label
// checker (k-fold) and the bad-labels lab for boxes. Everything crossing it is structured-cloneable.
import type { BoxNoiseKind } from '../../dataset/box-noise.ts';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import type { PhotoSuspect } from '../../dataset/suspect-ranking.ts';
import type { TrainedModel } from '../../model/trained-model.ts';
import type { BackendChoice, BackendName } from '../../shared/backend/backends.ts';
import type { PhasedProgress } from './training-progress.ts';

export interface CheckPhoto {
  id: string;
  blob: Blob;
  width: number;
  height: number;
  boxes: LabeledBox[];
  /** Marked "no ball": any ball the model finds there is a missed one. */
  negative: boolean;
  /** Frames of one burst are judged by the same fold, so no model trains on a near copy of the photo it judges. */
  burstId?: string;
}

/** A stored or imported photo as the checker takes it (the rest of the record stays on the page). */
export const asCheckPhoto = ({ id, blob, width, height, boxes, negative, burstId }: CheckPhoto): CheckPhoto => ({
  id,
  blob,
  width,
  height,
  boxes,
  negative,
  ...(burstId ? { burstId } : {}),
});

export interface CheckRequest {
  photos: CheckPhoto[];
  classes: string[];
  folds: number;
  seed: number;
  backend: BackendChoice;
  /** model.json of the base graph, absolute. */
  modelUrl: string;
  /** Heads every fold starts from (the default ball model); else the graph's own. */
  start?: TrainedModel;
  /** Epochs of each fold's fit (a short schedule by default). */
  epochs?: number;
}

export type CheckPhase = 'loading' | 'features' | 'training' | 'checking';
export type CheckProgress = PhasedProgress<CheckPhase | 'done'> & { fold?: number; folds?: number };

export interface CheckOutcome {
  /** Worst first. */
  suspects: PhotoSuspect[];
  /** Every checked photo's label quality (1 = nothing doubtful), worst first. */
  photos: { id: string; quality: number }[];
  folds: number;
  /** Photos with labels or a "no ball" mark; unlabelled ones are not checked. */
  checked: number;
  backend: BackendName;
  ms: number;
}

export interface NoisePhoto {
  id: string;
  blob: Blob;
  width: number;
  height: number;
  boxes: LabeledBox[];
}

export interface NoiseLabRequest {
  /** Corrupted at each rate; the validation photos never are. */
  train: NoisePhoto[];
  val: NoisePhoto[];
  kind: BoxNoiseKind;
  rates: number[];
  seed: number;
  classes: string[];
  backend: BackendChoice;
  modelUrl: string;
  /** Heads to start from; blank by default, so what the heads know of balls comes from these labels alone. */
  start?: TrainedModel | 'blank';
  /** Epochs per rate. */
  epochs?: number;
}

export interface NoiseLabResult {
  kind: BoxNoiseKind;
  rate: number;
  /** On the clean validation photos. */
  mAP50: number;
  /** At the live view's score (0.5): share of the validation balls found, and of the boxes that are balls. */
  recall: number;
  precision: number;
  /** Boxes changed, dropped or added by the corruption. */
  changed: number;
  trainPhotos: number;
  valPhotos: number;
  epochs: number;
  backend: BackendName;
  ms: number;
}

export type NoiseLabProgress = PhasedProgress<'loading' | 'features' | 'training' | 'checking' | 'done'> & {
  rate?: number;
};

export interface LabelCheckWorkerApi {
  /** Rejects with Cancelled on cancel. */
  check(request: CheckRequest, onProgress: (progress: CheckProgress) => void): Promise<CheckOutcome>;
  /** One fit per rate; each result is also given to `onResult` as soon as it is known. */
  noiseLab(
    request: NoiseLabRequest,
    onProgress: (progress: NoiseLabProgress) => void,
    onResult: (result: NoiseLabResult) => void,
  ): Promise<NoiseLabResult[]>;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Answered between two pieces of work: the page's sign that the worker lives. */
  ping(): void;
}
