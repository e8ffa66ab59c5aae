// The training half of `npm run soak`: back-to-back fine-tuning runs in ONE training worker (the app
// starts a fresh worker per run, which would hide a leak) on a few photos of the sample dataset. After
// each run the worker must hold exactly what it held before it (tensors and their bytes); its JS heap
// and the page's are read after a forced garbage collection, through CDP.
import { join, resolve } from 'node:path';
import { DEFAULT_MODEL_VARIANT } from '../../src/model/model-variants.ts';
import type { TrainSettings } from '../../src/model/trained-model.ts';
import type { BackendChoice } from '../../src/shared/backend/backends.ts';
import { memoryProbe } from './cdp-memory.ts';
import { openHarness } from './harness.ts';
import { formatCount, type MetricColumn, tableLine } from './soak-stats.ts';
import { readDataset } from './train-session.ts';

const root = resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;

export interface TrainSample {
  run: number;
  ms: number;
  workerTensors: number;
  workerBytes: number;
  /** The worker's tensors and bytes before this run: a run must end where it began. */
  startTensors: number;
  startBytes: number;
  workerHeapBytes: number;
  pageHeapBytes: number;
  valMAP50: number | null;
}

export const trainColumns: MetricColumn<TrainSample>[] = [
  { name: 'ms', value: (s) => s.ms, tolerance: { abs: 1000, rel: 0.25 }, format: (v) => v.toFixed(0) },
  { name: 'worker tensors', value: (s) => s.workerTensors, tolerance: { abs: 0, rel: 0 }, format: formatCount },
  { name: 'worker bytes', value: (s) => s.workerBytes, tolerance: { abs: 0, rel: 0 }, format: formatCount },
  {
    name: 'worker heap MB',
    value: (s) => s.workerHeapBytes,
    tolerance: { abs: 1 * MB, rel: 0.03 },
    format: (v) => (v / MB).toFixed(2),
  },
  {
    name: 'page heap MB',
    value: (s) => s.pageHeapBytes,
    tolerance: { abs: 1 * MB, rel: 0.03 },
    format: (v) => (v / MB).toFixed(2),
  },
];

export interface TrainSoakOptions {
  runs: number;
  backend: BackendChoice;
  trainImages: number;
  valImages: number;
  epochs: number;
  print: (line: string) => void;
}

export async function trainSoak(options: TrainSoakOptions): Promise<{ backend: string; samples: TrainSample[] }> {
  const { runs, print } = options;
  const harness = await openHarness();
  try {
    const { page } = harness;
    const serve = async (split: string, count: number) =>
      Promise.all(
        readDataset(join(root, `datasets/sample/${split}.json`), split)
          .slice(0, count)
          .map(async (item) => ({ url: await harness.serveFile(item.path), boxes: item.boxes })),
      );
    const request = {
      train: await serve('train', options.trainImages),
      val: await serve('val', options.valImages),
      backend: options.backend,
      settings: {
        classes: ['ball'],
        epochs: options.epochs,
        batchSize: 4,
        learningRate: 0.001,
        augmentCopies: 1,
        patience: 10,
        seed: 1,
        base: DEFAULT_MODEL_VARIANT,
      } satisfies TrainSettings,
    };
    const probe = await memoryProbe(page);
    print(
      `train soak: ${runs} runs in one training worker, ${options.trainImages}+${options.valImages} photos × ${options.epochs} epochs`,
    );
    const samples: TrainSample[] = [];
    let backend = '';
    for (let run = 1; run <= runs; run++) {
      const result = await page.evaluate((r) => window.tama.trainInKeptWorker(r), request);
      backend = result.backend;
      if (run === 1) {
        print(`backend ${backend}`);
        print(tableLine(['run', ...trainColumns.map((c) => c.name), 'start→end']));
      }
      const sample: TrainSample = {
        run,
        ms: result.ms,
        workerTensors: result.after.numTensors,
        workerBytes: result.after.numBytes,
        startTensors: result.before.numTensors,
        startBytes: result.before.numBytes,
        workerHeapBytes: (await probe.worker('training'))?.usedSize ?? Number.NaN,
        pageHeapBytes: (await probe.page()).usedSize,
        valMAP50: result.valMAP50,
      };
      samples.push(sample);
      const back = sample.workerTensors === sample.startTensors && sample.workerBytes === sample.startBytes;
      print(
        tableLine([
          String(run),
          ...trainColumns.map((c) => c.format(c.value(sample) as number)),
          back ? 'back to start' : `${sample.startTensors}→${sample.workerTensors} tensors`,
        ]),
      );
    }
    await page.evaluate(() => window.tama.closeKeptWorker());
    return { backend, samples };
  } finally {
    await harness.close();
  }
}
