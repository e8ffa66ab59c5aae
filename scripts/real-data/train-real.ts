// `train:default --real DIR`: the default model's heads learn from real photos (balls and real
// negatives) mixed with generated scenes, in chunks, each chunk going on from the heads the previous
// one ended with, on a falling learning rate. Returns the last chunk's model files and what went in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REAL_SOURCES } from '../../src/dataset/real-sources.ts';
import type { TrainedModelMeta, TrainSettings } from '../../src/model/trained-model.ts';
import type { BackendChoice } from '../../src/shared/backend/backends.ts';
import type { Harness } from '../lib/harness.ts';
import { type TrainItem, trainInHarness } from '../lib/train-session.ts';
import { mineHardNegatives } from './mine.ts';
import { mixRealPhotos, type RealMix, shuffled } from './mix.ts';
import { imageSize } from './yolo.ts';

export interface RealTrainingOptions {
  root: string;
  seed: number;
  chunk: number;
  scenesPerChunk: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  decay: number;
  negativesPerSource: number;
  /** Validation photos per source used while training (early stopping, the chunk's valMAP50). */
  valPerSource: number;
  backend: BackendChoice;
  /** Heads to start from (a model folder's files), e.g. to go on from an earlier run. */
  start?: { json: string; weightsBase64: string };
  /** Skip the chunks over the mix (with `start`: only the mining round). */
  skipChunks?: boolean;
  /** Negative photos to run the model over for a last round on the ones it boxes (0: none). */
  mine: number;
  /** Width of a hidden path added to the class heads when the start has none (0: linear heads only). */
  hidden?: number;
}

export interface RealTrainingResult {
  files: { json: string; weightsBase64: string };
  mix: RealMix;
  chunks: object[];
}

/** Generated scenes come from their own seed range, after the ones the synthetic recipe uses. */
export const SCENE_SEED_OFFSET = 700_000;

export async function trainOnRealPhotos(
  harness: Harness,
  options: RealTrainingOptions,
  log: (line: object) => void,
): Promise<RealTrainingResult> {
  const mix = mixRealPhotos(options.root, {
    seed: options.seed,
    valShare: 0.1,
    negativesPerSource: options.negativesPerSource,
  });
  if (mix.train.length === 0) throw new Error(`no real photos under ${options.root} (see src/dataset/real-sources.ts)`);
  for (const [source, used] of mix.used) log({ source, ...used });
  const val = [...mix.val.values()].flatMap((items) => items.slice(0, options.valPerSource));
  const photos = shuffled(mix.train, options.seed);
  const chunks: object[] = [];
  let start = options.start;
  const rounds: TrainItem[][] = [];
  if (!options.skipChunks)
    for (let from = 0; from < photos.length; from += options.chunk)
      rounds.push(photos.slice(from, from + options.chunk));
  for (let index = 0; index <= rounds.length; index++) {
    let train = rounds[index];
    if (!train) {
      if (!options.mine || !start) break;
      // The last round: the negatives the model still boxes, beside as many photos with balls.
      const used = new Set([...mix.train, ...val].map((item) => item.path));
      const { mined } = await mineHardNegatives(
        start,
        { root: options.root, used, seed: options.seed, candidates: options.mine, threshold: 0.3 },
        log,
      );
      const withBalls = photos.filter((item) => item.boxes.length > 0).slice(0, mined.length);
      train = shuffled([...mined, ...withBalls], options.seed + 1);
    }
    const from = index * options.chunk;
    const settings: TrainSettings = {
      classes: ['ball'],
      epochs: options.epochs,
      batchSize: options.batchSize,
      learningRate: options.learningRate * options.decay ** index,
      augmentCopies: 1,
      patience: 1_000,
      seed: options.seed * 1_000 + index,
      base: 'f16',
      ...(options.hidden ? { hidden: options.hidden } : {}),
    };
    const started = performance.now();
    const run = await trainInHarness(
      harness,
      {
        train,
        val,
        settings,
        backend: options.backend,
        name: 'Ball (default)',
        ...(start ? { start } : {}),
        scenes: {
          seed: options.seed + SCENE_SEED_OFFSET,
          from: index * options.scenesPerChunk,
          count: options.scenesPerChunk,
        },
      },
      (report) => log({ ...report }),
    );
    start = run.files;
    const meta: TrainedModelMeta = run.meta;
    const summary = {
      chunk: index + 1,
      photos:
        index < rounds.length
          ? `${from}–${from + train.length - 1} of ${photos.length}`
          : `hard negatives + balls: ${train.length}`,
      scenes: options.scenesPerChunk,
      learningRate: settings.learningRate,
      valMAP50: meta.metrics.valMAP50,
      bestEpoch: meta.metrics.bestEpoch,
      seconds: Math.round((performance.now() - started) / 1000),
    };
    chunks.push(summary);
    log(summary);
  }
  return { files: start as { json: string; weightsBase64: string }, mix, chunks };
}

/** Each source's validation photos as a COCO file for `npm run eval` (absolute paths). */
export function writeValidationSets(mix: RealMix): Map<string, string> {
  const folder = mkdtempSync(join(tmpdir(), 'tama-real-val-'));
  const files = new Map<string, string>();
  for (const [source, items] of mix.val) {
    if (items.length === 0) continue;
    const path = join(folder, `${source}.json`);
    writeFileSync(path, JSON.stringify(toCoco(items)));
    files.set(source, path);
  }
  return files;
}

function toCoco(items: TrainItem[]) {
  let id = 0;
  return {
    images: items.map((item, index) => ({ id: index + 1, file_name: item.path, ...imageSize(item.path) })),
    annotations: items.flatMap((item, index) =>
      item.boxes.map(({ box }) => ({
        id: ++id,
        image_id: index + 1,
        category_id: 1,
        bbox: box,
        area: box[2] * box[3],
        iscrowd: 0,
      })),
    ),
    categories: [{ id: 1, name: 'ball' }],
  };
}

/** `npm run eval -- --json` on a dataset with the model in `modelDir`: its summary line, or the error. */
export function evalSummary(dataset: string, modelDir: string): Record<string, unknown> {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../eval.ts'), '--dataset', dataset, '--model', modelDir, '--json'],
    { encoding: 'utf8' },
  );
  try {
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
  } catch {
    return { error: run.stderr.trim().split('\n').at(-1) ?? `eval exited ${run.status}` };
  }
}

/** Each source's numbers on its own validation photos. */
export function validatePerSource(mix: RealMix, modelDir: string): Record<string, unknown> {
  const results: Record<string, unknown> = {};
  for (const [source, dataset] of writeValidationSets(mix)) {
    const { images, mAP50, precision, recall, falseAlarms, perSize, error } = evalSummary(dataset, modelDir);
    results[source] = error ? { error } : { images, mAP50, precision, recall, falseAlarms, perSize };
  }
  return results;
}

/** RECIPE.json's account of the real photos: each source, what it gave, and its validation numbers. */
export function realRecipe(mix: RealMix, validation: Record<string, unknown>) {
  return REAL_SOURCES.map((source) => ({
    slug: source.slug,
    repository: source.repository,
    commit: source.commit,
    datasetUrl: source.datasetUrl,
    licence: source.licence,
    role: source.role,
    photosUsed: mix.used.get(source.slug),
    validation: validation[source.slug],
  }));
}
