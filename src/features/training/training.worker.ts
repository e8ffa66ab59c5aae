// The training worker: TF.js and the whole fine-tuning run live here, so the page stays smooth.
import { expose } from 'comlink';
import { activeThreads, type BackendName, loadTf, selectBackend } from '../../shared/backend/backends.ts';
import { GpuLost, isGpuLost } from './gpu-lost.ts';
import { GpuWatch } from './gpu-watch.ts';
import { bestValMAP50 } from './run-checkpoint.ts';
import { Trainer } from './trainer.ts';
import type { TrainingOutcome, TrainingRequest, TrainingWorkerApi } from './training-protocol.ts';

let trainer: Trainer | undefined;
let active: BackendName | undefined;
let described = false;
let gpu: GpuWatch | undefined;
/** The backend being chosen for the current run: tf.memory() throws until it is ready. */
let starting: Promise<unknown> = Promise.resolve();

/** Once per worker: whether WASM could get its threads (it needs a cross-origin isolated worker). */
async function describeBackend(backend: BackendName): Promise<void> {
  if (described) return;
  described = true;
  console.info(
    `training worker: backend ${backend}, crossOriginIsolated ${self.crossOriginIsolated}, threads ${await activeThreads()}`,
  );
}

/** Rejects with GpuLost as soon as `watch` sees the GPU go, even if the run is stuck in an op that hangs. */
const lostGpu = (watch: GpuWatch): Promise<never> =>
  watch.lost.then(() => {
    throw new GpuLost(`the ${watch.backend} device was lost`);
  });

const api: TrainingWorkerApi = {
  async train(request: TrainingRequest, onProgress, onEpoch, onCheckpoint): Promise<TrainingOutcome> {
    if (trainer) throw new Error('a training run is already going');
    const started = performance.now();
    const before = request.resume?.ms ?? 0;
    const selection = loadTf().then(() => selectBackend(request.backend));
    starting = selection.catch(() => {});
    const tf = await loadTf();
    onProgress({ phase: 'loading', done: 0, total: 1 });
    const backend = (await selection).active;
    active = backend;
    await describeBackend(backend);
    onProgress({ phase: 'loading', done: 0, total: 1, backend });
    const watch = new GpuWatch(tf, backend);
    gpu = watch;
    const current = await Trainer.load(tf, request.modelUrl);
    trainer = current;
    const elapsed = () => before + Math.round(performance.now() - started);
    // The callback is a comlink proxy on a channel of its own: without waiting for the last report,
    // the page could get the result before the 'done' progress.
    let lastReport: unknown;
    try {
      const run = current.train({
        ...request,
        onProgress: (progress) => {
          lastReport = onProgress(progress);
        },
        onEpoch,
        onCheckpoint: onCheckpoint && ((state) => onCheckpoint({ ...state, backend, ms: elapsed() })),
      });
      // If the GPU wins the race the run may still end later, cancelled: nobody waits for it then.
      run.catch(() => {});
      const result = await Promise.race([run, lostGpu(watch)]);
      await lastReport;
      return {
        weights: result.weights,
        metrics: {
          valMAP50: bestValMAP50(result.epochs, result.bestEpoch, result.stockValMAP50),
          stockValMAP50: result.stockValMAP50,
          bestEpoch: result.bestEpoch,
          epochs: result.epochs,
          trainImages: request.train.length,
          valImages: request.val.length,
          backend,
          ms: elapsed(),
          featuresMs: Math.round(result.featuresMs),
        },
      };
    } catch (error) {
      // Ops on a lost context throw all sorts of errors (or none, and hang): what counts is the GPU.
      if (!isGpuLost(error) && (await watch.explains(error)))
        throw new GpuLost(`the ${backend} device was lost: ${error}`);
      throw error;
    } finally {
      watch.stop();
      if (watch.isLost) {
        // Its tensors live on the lost device: nothing to free there, and the page ends this worker.
        current.cancel();
      } else {
        current.dispose();
      }
      trainer = undefined;
    }
  },
  pause() {
    if (trainer) trainer.paused = true;
  },
  resume() {
    if (trainer) trainer.paused = false;
  },
  cancel() {
    trainer?.cancel();
  },
  async backend() {
    return active;
  },
  async loseGpuForTest() {
    return (await gpu?.loseForTest()) ?? false;
  },
  async memory() {
    const tf = await loadTf();
    // Asked while a run's backend starts: the answer waits for it (it holds nothing yet).
    await starting;
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
};

expose(api);
