// npm run train:default [-- --scenes 6000 --chunk 300 --epochs 3 --val 160 --seed 1 --out public/models/ball]
// npm run train:default -- --real DIR [--real-chunk 400 --real-scenes 100 --negatives 300 --epochs 3
//   --mine 0 --hidden 0] [--start MODEL_DIR [--only-mine]]
//   (--hidden N adds a hidden layer of N units to the class heads: capacity to tell balls from look-alikes)
//   (real photos laid out by `npm run real:extract`: see scripts/real-data/)
// Trains the app's default ball model: the COCO-SSD backbone with SSD heads fine-tuned on procedural
// scenes (src/dataset/synthetic), rendered in headless Chromium and trained with the app's own training
// worker. The scenes come in chunks (the frozen backbone's activations of a whole chunk are kept in
// memory), each chunk starting from the heads the previous one ended with, on a falling learning rate.
// Seeded end to end: the same options on the same machine give the same weights. Writes model.json,
// weights.bin and RECIPE.json (options, per-chunk metrics, time, machine, SHA-256 of the weights).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EpochReport, TrainedModelMeta, TrainSettings } from '../src/model/trained-model.ts';
import { parseBackend, parseWhole, runCli, UsageError } from './lib/detector-session.ts';
import { openHarness } from './lib/harness.ts';
import { weightsSha256, writeModelFolder } from './lib/train-session.ts';
import { trainDefaultOnRealPhotos } from './real-data/default-recipe.ts';

/** Validation scenes come from their own seed, so no training scene is ever scored. */
const VAL_SEED_OFFSET = 500_000;

/** A model folder's two files, as the harness takes them (to go on from an earlier run's heads). */
function readModelFiles(folder: string): { json: string; weightsBase64: string } {
  try {
    return {
      json: readFileSync(join(folder, 'model.json'), 'utf8'),
      weightsBase64: readFileSync(join(folder, 'weights.bin')).toString('base64'),
    };
  } catch {
    throw new UsageError(`--start ${folder}: not a model folder (model.json + weights.bin)`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scenes: { type: 'string', default: '6000' },
      chunk: { type: 'string', default: '300' },
      epochs: { type: 'string', default: '3' },
      val: { type: 'string', default: '160' },
      seed: { type: 'string', default: '1' },
      lr: { type: 'string', default: '0.002' },
      'lr-decay': { type: 'string', default: '0.9' },
      batch: { type: 'string', default: '16' },
      backend: { type: 'string', default: 'wasm' },
      out: { type: 'string', default: 'public/models/ball' },
      json: { type: 'boolean', default: false },
      real: { type: 'string' },
      'real-chunk': { type: 'string', default: '400' },
      'real-scenes': { type: 'string', default: '100' },
      negatives: { type: 'string', default: '300' },
      mine: { type: 'string', default: '0' },
      start: { type: 'string' },
      'only-mine': { type: 'boolean', default: false },
      hidden: { type: 'string', default: '0' },
    },
  });
  const scenes = parseWhole('scenes', values.scenes, 1);
  const chunk = parseWhole('chunk', values.chunk, 1);
  const seed = parseWhole('seed', values.seed, 0);
  const valCount = parseWhole('val', values.val, 1);
  const learningRate = Number(values.lr);
  const decay = Number(values['lr-decay']);
  if (!(learningRate > 0 && learningRate < 1)) throw new UsageError('--lr must be between 0 and 1');
  if (!(decay > 0 && decay <= 1)) throw new UsageError('--lr-decay must be in (0, 1]');
  const backend = parseBackend(values.backend);
  const out = resolve(values.out);
  const log = (line: object) =>
    console.log(
      values.json
        ? JSON.stringify(line)
        : Object.entries(line)
            .map(([k, v]) => `${k} ${v}`)
            .join(' · '),
    );

  if (values.real) {
    return trainDefaultOnRealPhotos({
      root: resolve(values.real),
      seed,
      chunk: parseWhole('real-chunk', values['real-chunk'], 1),
      scenesPerChunk: parseWhole('real-scenes', values['real-scenes'], 0),
      epochs: parseWhole('epochs', values.epochs, 1),
      batchSize: parseWhole('batch', values.batch, 1),
      learningRate,
      decay,
      negativesPerSource: parseWhole('negatives', values.negatives, 0),
      valPerSource: 40,
      mine: parseWhole('mine', values.mine, 0),
      hidden: parseWhole('hidden', values.hidden, 0),
      ...(values.start ? { start: readModelFiles(resolve(values.start)), startDir: resolve(values.start) } : {}),
      skipChunks: values['only-mine'],
      backend,
      out,
      log,
      argv: process.argv.slice(2),
    });
  }

  const harness = await openHarness();
  await harness.page.exposeFunction('tamaOnEpoch', (report: EpochReport) => log({ ...report }));
  const started = performance.now();
  const chunks: object[] = [];
  let start: { json: string; weightsBase64: string } | undefined;
  try {
    for (let from = 0, index = 0; from < scenes; from += chunk, index++) {
      const count = Math.min(chunk, scenes - from);
      const settings: TrainSettings = {
        classes: ['ball'],
        epochs: parseWhole('epochs', values.epochs, 1),
        batchSize: parseWhole('batch', values.batch, 1),
        learningRate: learningRate * decay ** index,
        augmentCopies: 1,
        patience: 1_000,
        seed: seed * 1_000 + index,
        base: 'f16',
      };
      const chunkStarted = performance.now();
      start = await harness.page.evaluate((request) => window.tama.trainOnScenes(request), {
        train: { seed, from, count },
        val: { seed: seed + VAL_SEED_OFFSET, from: 0, count: valCount },
        settings,
        backend,
        name: 'Ball (default)',
        ...(start ? { start } : {}),
      });
      const meta = JSON.parse(start.json) as TrainedModelMeta;
      const summary = {
        chunk: index + 1,
        scenes: `${from}–${from + count - 1}`,
        learningRate: settings.learningRate,
        valMAP50: meta.metrics.valMAP50,
        stockValMAP50: meta.metrics.stockValMAP50,
        bestEpoch: meta.metrics.bestEpoch,
        seconds: Math.round((performance.now() - chunkStarted) / 1000),
      };
      chunks.push(summary);
      log(summary);
    }
  } finally {
    await harness.close();
  }
  if (!start) throw new UsageError('nothing was trained');
  const meta = JSON.parse(start.json) as TrainedModelMeta;
  // Stable identity: the bundled model is the same model on every device and in every build.
  const stable: TrainedModelMeta = { ...meta, id: 'default-ball', name: 'Ball (default)', createdAt: 0 };
  writeModelFolder(out, {
    meta: stable,
    files: { json: JSON.stringify(stable, null, 1), weightsBase64: start.weightsBase64 },
  });
  const sha256 = weightsSha256(out);
  const recipe = {
    command: `npm run train:default -- ${process.argv.slice(2).join(' ')}`.trim(),
    options: { ...values, valSeed: seed + VAL_SEED_OFFSET },
    chunks,
    minutes: Math.round((performance.now() - started) / 6_000) / 10,
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    weightsSha256: sha256,
  };
  writeFileSync(join(out, 'RECIPE.json'), `${JSON.stringify(recipe, null, 1)}\n`);
  log({ done: out, minutes: recipe.minutes, weightsSha256: sha256 });
  return 0;
}

runCli('train:default', main);
