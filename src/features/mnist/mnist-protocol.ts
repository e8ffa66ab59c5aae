// The typed surface of the MNIST worker (called through comlink).
import type { BackendChoice } from '../../shared/backend/backends.ts';
import type { DownloadProgress } from '../../shared/download-progress.ts';
import type { NoiseKind } from './label-noise.ts';

export interface MnistInfo {
  trainCount: number;
  testCount: number;
  trainPerDigit: number[];
  testPerDigit: number[];
  /** A few training digits per class, 784 grey levels each, for the gallery. */
  samples: Uint8Array[][];
}

/** Epochs of a default run, the page's and `npm run mnist`'s alike. */
export const DEFAULT_MNIST_EPOCHS = 4;

export interface MnistTrainOptions {
  epochs: number;
  noise: number;
  noiseKind: NoiseKind;
  seed: number;
  backend: BackendChoice;
  /** Use only the first N training / test digits (quick runs, the noise sweep, tests). */
  trainCount?: number;
  testCount?: number;
  batchSize?: number;
}

export interface MnistEpochReport {
  epoch: number;
  /** Mean cross-entropy on the (possibly noisy) training labels, during the epoch. */
  loss: number;
  /** On the (possibly noisy) training labels, during the epoch. */
  trainAccuracy: number;
  /** On the first 1,000 test digits, after the epoch. */
  testAccuracy: number;
  ms: number;
}

export interface MnistProgress {
  epoch: number;
  batch: number;
  batches: number;
}

export interface Misclassified {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
}

export interface MnistResult {
  trainCount: number;
  testCount: number;
  testAccuracy: number;
  msPerEpoch: number;
  backend: string;
  noise: number;
  noiseKind: NoiseKind;
  flipped: number;
  epochs: MnistEpochReport[];
  /** confusion[label][predicted] over the test set. */
  confusion: number[][];
  misclassified: Misclassified[];
  weights: Float32Array[];
}

export interface Suspect {
  index: number;
  /** The (possibly noisy) training label, what the model was told. */
  label: number;
  /** The original MNIST label. */
  original: number;
  predicted: number;
  /** Probability the held-out model gave to the training label. */
  labelProbability: number;
}

export interface MnistWorkerApi {
  /** Downloads the digits on first use (reporting bytes to `onDownload`), then describes them. */
  info(onDownload?: (progress: DownloadProgress) => void): Promise<MnistInfo>;
  train(
    options: MnistTrainOptions,
    onProgress: (progress: MnistProgress) => void,
    onEpoch: (report: MnistEpochReport) => void,
  ): Promise<MnistResult>;
  /** Cross-validated: each half is judged by a model trained on the other half. */
  suspicious(options: MnistTrainOptions, count: number): Promise<{ suspects: Suspect[]; flippedAmongThem: number }>;
  useWeights(weights: Float32Array[]): Promise<void>;
  predict(pixels: Float32Array): Promise<number[]>;
  digits(split: 'train' | 'test', indices: number[]): Promise<Uint8Array[]>;
  cancel(): void;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
}
