// Fine-tuning in a training worker that outlives the run, for `npm run soak -- --train` and the
// 500-photo test. The app starts one worker per run, which returns all memory at the end and so hides
// leaks; here the worker is kept, and its memory is read before, during and after each run.

import { loadDatasetSettings } from '../dataset/dataset-settings.ts';
import type { LabeledBox } from '../dataset/dataset-store.ts';
import { DatasetStore } from '../dataset/dataset-store.ts';
import { TrainingClient } from '../features/training/training-client.ts';
import { defaultViewsPerPhoto, trainingData } from '../features/training/training-data.ts';
import type { TrainingRequest, WorkerMemory } from '../features/training/training-protocol.ts';
import type { TrainingImage } from '../features/training/training-views.ts';
import { planViews, viewBudgetBytes } from '../features/training/view-budget.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, modelUrl } from '../model/model-variants.ts';
import { fetchTrainedModel, type TrainSettings } from '../model/trained-model.ts';
import type { BackendChoice } from '../shared/backend/backends.ts';

let kept: TrainingClient | undefined;

/**
 * One run in the kept worker, polling its memory every `pollMs` for the peak (the worker answers
 * between batches). Returns the run's time, the worker's memory before and after, and the peak.
 */
async function runInKeptWorker(request: Omit<TrainingRequest, 'modelUrl' | 'start'>, pollMs = 250) {
  kept ??= new TrainingClient();
  const client = kept;
  const before = await client.memory();
  let peak: WorkerMemory = before;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const now = await client.memory().catch(() => undefined);
      if (now && now.numBytes > peak.numBytes) peak = now;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  })();
  const started = performance.now();
  try {
    const outcome = await client.train(
      {
        ...request,
        modelUrl: new URL(modelUrl(request.settings.base), location.href).href,
        // As the Train page does: fine-tuning starts from the default ball model.
        start: await fetchTrainedModel(ballModelUrl()),
      },
      () => {},
      () => {},
    );
    return {
      ms: performance.now() - started,
      metrics: outcome.metrics,
      backend: outcome.metrics.backend,
      valMAP50: outcome.metrics.valMAP50,
      before,
      peak,
      after: await client.memory(),
    };
  } finally {
    polling = false;
    await poll;
  }
}

const fetchImages = (items: { url: string; boxes: LabeledBox[] }[]): Promise<TrainingImage[]> =>
  Promise.all(items.map(async ({ url, boxes }) => ({ blob: await (await fetch(url)).blob(), boxes })));

export const keptWorkerTraining = {
  /** One run on photos the CLI serves. */
  async trainInKeptWorker(request: {
    train: { url: string; boxes: LabeledBox[] }[];
    val: { url: string; boxes: LabeledBox[] }[];
    settings: TrainSettings;
    backend: BackendChoice;
  }) {
    return runInKeptWorker({
      ...request,
      train: await fetchImages(request.train),
      val: await fetchImages(request.val),
    });
  },

  /**
   * One run on the app's own dataset (IndexedDB, this origin), split, filtered and fitted into the
   * memory budget as the Train page does; `epochs` keeps it short. Without `augmentCopies`, the
   * page's automatic views per photo.
   */
  async trainOnStoredDataset(options: { epochs: number; augmentCopies?: number; backend: BackendChoice }) {
    const store = new DatasetStore();
    try {
      const images = await store.list();
      const { seed } = loadDatasetSettings();
      const data = trainingData(images, loadDatasetSettings());
      const classes = Object.keys(data.classes).sort();
      const plan = planViews(
        data.train,
        data.val,
        options.augmentCopies ?? defaultViewsPerPhoto(data.train.length),
        seed,
      );
      const result = await runInKeptWorker({
        train: plan.train,
        val: plan.val,
        backend: options.backend,
        settings: {
          classes,
          epochs: options.epochs,
          batchSize: 8,
          learningRate: 0.001,
          augmentCopies: plan.viewsPerPhoto,
          patience: 5,
          seed,
          base: DEFAULT_MODEL_VARIANT,
          ...(plan.cap ? { viewCap: plan.cap } : {}),
        },
      });
      return {
        ...result,
        trainImages: plan.train.length,
        valImages: plan.val.length,
        viewsPerPhoto: plan.viewsPerPhoto,
        cap: plan.cap,
        budgetBytes: viewBudgetBytes(),
        classes,
      };
    } finally {
      await store.close();
    }
  },

  closeKeptWorker() {
    kept?.terminate();
    kept = undefined;
  },
};
