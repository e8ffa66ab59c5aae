// The benchmark of one TF.js backend, the same code for the /bench page and `npm run bench:detect`
// (which calls it through the harness page): load the default ball model, time the first detection and
// then `runs` more for the median ms/frame; optionally the same for stock @tensorflow-models/coco-ssd
// on the same weights, and one training step of the heads. It runs on the page's main thread on
// purpose: that is where the live view detects, so that is the speed a student gets.
import { createDetector, type Detector, type DetectorSource } from '../../model/detector.ts';
import type { Detection } from '../../model/geometry.ts';
import { FULL_GRAPH_VARIANT, modelUrl } from '../../model/model-variants.ts';
import { activateBackend, type BackendName, type BackendProbe } from '../../shared/backend/backends.ts';
import { Cancelled, isCancelled } from '../../shared/cancelled.ts';
import { benchTrainStep } from './train-step-bench.ts';

/** Training steps timed after the warm-up step. */
export const TRAIN_STEPS = 3;
/** A CPU backend or a GPU emulated in software runs a frame in seconds: fewer frames keep the run finite. */
export const SLOW_BACKEND_RUNS = 3;

export type BenchPart = 'load' | 'ours' | 'train' | 'stock';

export interface BenchProgress {
  backend: BackendName;
  part: BenchPart;
  /** Steps of this part done, out of `total`. */
  done: number;
  total: number;
}

export interface BenchOptions {
  /** Timed detections after the first one (fewer on slow backends, see SLOW_BACKEND_RUNS). */
  runs: number;
  /** Also time stock coco-ssd on the same image. */
  stock?: boolean;
  /**
   * The graph stock coco-ssd loads; default the app's whole float16 graph (fused by us, so "same
   * weights"). `npm run bench:detect` gives it the untouched graph from the npm tarball, as the package
   * itself would download it.
   */
  stockModelUrl?: string;
  /** Also time a training step of the heads. */
  train?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: BenchProgress) => void;
}

/** What one backend measured; times in ms, rounded as the CLI prints them. */
export interface BackendBench {
  backend: BackendName;
  runs: number;
  /** Starting the backend, loading the model and its warm-up run. */
  loadMs: number;
  /** From the start of loading to the first detection's boxes. */
  firstDetectionMs: number;
  /** Median ms/frame of our default ball model. */
  oursMs: number;
  oursBoxes: number;
  stockLoadMs?: number;
  stockMs?: number;
  stockBoxes?: number;
  /** oursMs / stockMs: below 1 is faster than stock. */
  ratio?: number;
  fps: number;
  /** The backend runs on a GPU that the browser emulates in software (SwiftShader, llvmpipe…). */
  software?: boolean;
  trainBatch?: number;
  trainFirstStepMs?: number;
  trainStepMs?: number;
  /** Why the training step or stock coco-ssd has no numbers, when it failed (English). */
  trainError?: string;
  stockError?: string;
}

/** The backend could not be started here; `probe.reason` says why (English, for the details). */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
  constructor(readonly probe: BackendProbe) {
    super(`${probe.name} is not available: ${probe.reason ?? 'unknown reason'}`);
  }
}

export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export function runsOn(backend: BackendName, runs: number, software = false): number {
  const wanted = Math.max(1, Math.floor(runs));
  return backend === 'cpu' || software ? Math.min(wanted, SLOW_BACKEND_RUNS) : wanted;
}

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Lets the page paint and take a tap between frames; throws once the run was cancelled. */
async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (signal?.aborted) throw new Cancelled('the benchmark was cancelled');
}

/**
 * Runs a part the detector's numbers do not depend on: its failure is returned (English, for the
 * JSON) instead of losing the numbers already measured. A cancel still ends the whole run.
 */
async function optionalPart(work: () => Promise<void>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (isCancelled(error)) throw error;
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Stock coco-ssd on the bundled weights; its ~20 kB of code loads only when a benchmark asks for it. */
async function benchStock(
  image: DetectorSource,
  runs: number,
  graphUrl: string,
  report: (done: number) => Promise<void>,
) {
  const { load } = await import('@tensorflow-models/coco-ssd');
  const loaded = await timed(() => load({ base: 'lite_mobilenet_v2', modelUrl: graphUrl }));
  const stock = loaded.value;
  try {
    // coco-ssd's own defaults (20 boxes, score 0.5); it takes any image source TF.js can read.
    const detect = () => stock.detect(image as unknown as HTMLCanvasElement);
    const first = await detect();
    const times: number[] = [];
    for (let done = 0; done < runs; done++) {
      await report(done);
      times.push((await timed(detect)).ms);
    }
    return { loadMs: loaded.ms, ms: median(times), boxes: first.length };
  } finally {
    stock.dispose();
  }
}

/**
 * Benchmarks `backend`, leaving it active. Throws BackendUnavailableError when it does not start here,
 * Cancelled when `signal` aborts; every tensor it made is disposed either way.
 */
export async function benchBackend(
  backend: BackendName,
  image: DetectorSource,
  { runs, stock = false, stockModelUrl, train = false, signal, onProgress = () => {} }: BenchOptions,
): Promise<BackendBench> {
  const progress = async (part: BenchPart, done: number, total: number) => {
    onProgress({ backend, part, done, total });
    await checkpoint(signal);
  };
  await progress('load', 0, 1);
  const started = performance.now();
  const probe = await activateBackend(backend);
  if (!probe.ok) throw new BackendUnavailableError(probe);
  const n = runsOn(backend, runs, probe.software);
  const detector: Detector = await createDetector({});
  let first: Detection[];
  let ours: number[];
  let loadMs: number;
  let firstDetectionMs: number;
  try {
    loadMs = performance.now() - started;
    first = await detector.detect(image);
    firstDetectionMs = performance.now() - started;
    ours = [];
    for (let done = 0; done < n; done++) {
      await progress('ours', done, n);
      ours.push((await timed(() => detector.detect(image))).ms);
    }
  } finally {
    detector.dispose();
  }
  const oursMs = median(ours);
  const result: BackendBench = {
    backend,
    runs: n,
    loadMs: round(loadMs),
    firstDetectionMs: round(firstDetectionMs),
    oursMs: round(oursMs),
    oursBoxes: first.length,
    fps: round(1000 / oursMs, oursMs > 1000 ? 2 : 1),
    ...(probe.software ? { software: true } : {}),
  };
  // Training before stock: on some GPUs (SwiftShader's WebGPU here) stock coco-ssd loses the device.
  if (train)
    result.trainError = await optionalPart(async () => {
      const step = await benchTrainStep(image, first, {
        steps: TRAIN_STEPS,
        beforeStep: (done) => progress('train', done, TRAIN_STEPS + 1),
      });
      result.trainBatch = step.trainBatch;
      result.trainFirstStepMs = round(step.trainFirstStepMs);
      result.trainStepMs = round(step.trainStepMs);
    });
  if (stock)
    result.stockError = await optionalPart(async () => {
      await progress('stock', 0, n + 1);
      const measured = await benchStock(image, n, stockModelUrl ?? modelUrl(FULL_GRAPH_VARIANT), (done) =>
        progress('stock', done + 1, n + 1),
      );
      result.stockLoadMs = round(measured.loadMs);
      result.stockMs = round(measured.ms);
      result.stockBoxes = measured.boxes;
      result.ratio = round(oursMs / measured.ms, 2);
    });
  if (result.trainError === undefined) delete result.trainError;
  if (result.stockError === undefined) delete result.stockError;
  return result;
}
