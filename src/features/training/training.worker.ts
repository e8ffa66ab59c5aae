// The training worker: TF.js and the whole fine-tuning run live here, so the page stays smooth.
import { expose } from 'comlink';
import { activeThreads, type BackendName, loadTf, selectBackend } from '../../shared/backend/backends.ts';
import { Trainer } from './trainer.ts';
import type { TrainingOutcome, TrainingRequest, TrainingWorkerApi } from './training-protocol.ts';

let trainer: Trainer | undefined;
let active: BackendName | undefined;
let described = false;

/** Once per worker: whether WASM could get its threads (it needs a cross-origin isolated worker). */
async function describeBackend(backend: BackendName): Promise<void> {
  if (described) return;
  described = true;
  console.info(
    `training worker: backend ${backend}, crossOriginIsolated ${self.crossOriginIsolated}, threads ${await activeThreads()}`,
  );
}

const api: TrainingWorkerApi = {
  async train(request: TrainingRequest, onProgress, onEpoch): Promise<TrainingOutcome> {
    if (trainer) throw new Error('a training run is already going');
    const started = performance.now();
    const tf = await loadTf();
    onProgress({ phase: 'loading', done: 0, total: 1 });
    active = (await selectBackend(request.backend)).active;
    await describeBackend(active);
    const current = await Trainer.load(tf, request.modelUrl);
    trainer = current;
    try {
      const result = await current.train(
        request.train,
        request.val,
        request.settings,
        onProgress,
        onEpoch,
        request.start,
      );
      return {
        weights: result.weights,
        metrics: {
          valMAP50: result.epochs.find((e) => e.epoch === result.bestEpoch)?.valMAP50 ?? result.stockValMAP50,
          stockValMAP50: result.stockValMAP50,
          bestEpoch: result.bestEpoch,
          epochs: result.epochs,
          trainImages: request.train.length,
          valImages: request.val.length,
          backend: active,
          ms: Math.round(performance.now() - started),
          featuresMs: Math.round(result.featuresMs),
        },
      };
    } finally {
      current.dispose();
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
  async memory() {
    const tf = await loadTf();
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
};

expose(api);
