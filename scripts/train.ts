// npm run train -- --dataset COCO.json --out DIR [--val COCO.json] [--epochs n] [--backend b]
//   [--classes a,b] [--copies n] [--batch n] [--lr x] [--seed s] [--json]
// Fine-tunes the detector's heads with the app's own training worker in headless Chromium and writes
// a model folder (model.json + weights.bin) that `npm run detect` / `npm run eval -- --model DIR` and
// the app's model import accept. Without --val, a seeded quarter of the photos validates.
// With --json: one line per epoch {epoch, loss, valLoss, valMAP50, ms}, then one with the metrics.
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { splitOf } from '../src/dataset/split.ts';
import { defaultViewsPerPhoto } from '../src/features/training/training-data.ts';
import { DEFAULT_MODEL_VARIANT } from '../src/model/model-variants.ts';
import type { TrainSettings } from '../src/model/trained-model.ts';
import { parseBackend, runCli, UsageError } from './lib/detector-session.ts';
import { openHarness } from './lib/harness.ts';
import { readDataset, type TrainItem, trainInHarness, writeModelFolder } from './lib/train-session.ts';

type Item = TrainItem;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`--${name} must be a whole number ≥ 1, not "${value}"`);
  return number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      val: { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      backend: { type: 'string' },
      classes: { type: 'string' },
      copies: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.dataset) throw new UsageError('--dataset COCO.json is required');
  if (!values.out) throw new UsageError('--out DIR is required (the model folder to write)');
  const backend = parseBackend(values.backend);
  const learningRate = values.lr === undefined ? 0.001 : Number(values.lr);
  if (!(learningRate > 0 && learningRate < 1)) throw new UsageError(`--lr must be between 0 and 1, not "${values.lr}"`);
  const seed = positiveInteger('seed', values.seed, 1);

  const all = readDataset(resolve(values.dataset), '--dataset');
  if (all.length === 0) throw new UsageError(`--dataset ${values.dataset}: the dataset has no images`);
  const present = [...new Set(all.flatMap((item) => item.boxes.map((b) => b.label)))].sort();
  if (present.length === 0) throw new UsageError(`--dataset ${values.dataset}: no image has a box to learn from`);
  const classes = values.classes
    ? values.classes
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
    : present;
  const unknown = classes.filter((c) => !present.includes(c));
  if (unknown.length)
    throw new UsageError(
      `--classes: no box in the dataset is labelled ${unknown.map((c) => `"${c}"`).join(', ')} (it has ${present.join(', ')})`,
    );

  let train = all;
  let val: Item[] = [];
  if (values.val) {
    val = readDataset(resolve(values.val), '--val');
  } else if (all.length >= 4) {
    const split = { seed, valRatio: 0.25 };
    train = all.filter((item) => splitOf({ id: item.path }, split) === 'train');
    val = all.filter((item) => splitOf({ id: item.path }, split) === 'val');
  }
  const settings: TrainSettings = {
    classes,
    epochs: positiveInteger('epochs', values.epochs, 20),
    batchSize: positiveInteger('batch', values.batch, 8),
    learningRate,
    augmentCopies: positiveInteger('copies', values.copies, defaultViewsPerPhoto(train.length)),
    patience: 5,
    seed,
    base: DEFAULT_MODEL_VARIANT,
  };
  const keep = (items: Item[]) =>
    items.map((item) => ({ ...item, boxes: item.boxes.filter((b) => classes.includes(b.label)) }));

  const harness = await openHarness();
  try {
    const out = resolve(values.out);
    const run = await trainInHarness(
      harness,
      { train: keep(train), val: keep(val), settings, backend, name: basename(out) },
      (report) => {
        if (values.json) console.log(JSON.stringify(report));
        else
          console.log(
            `epoch ${report.epoch}: loss ${report.loss.toFixed(4)}` +
              (report.valLoss === null ? '' : `, val loss ${report.valLoss.toFixed(4)}`) +
              (report.valMAP50 === null ? '' : `, val mAP@0.5 ${report.valMAP50.toFixed(3)}`) +
              ` (${(report.ms / 1000).toFixed(1)} s)`,
          );
      },
    );
    writeModelFolder(out, run);
    const { epochs: _epochs, ...metrics } = run.meta.metrics;
    const summary = { final: true, ...metrics, classes, out };
    console.log(values.json ? JSON.stringify(summary) : `model written to ${out}: ${JSON.stringify(metrics)}`);
    return 0;
  } finally {
    await harness.close();
  }
}

runCli('train', main);
