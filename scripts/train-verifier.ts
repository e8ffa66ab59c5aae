// npm run train:verifier -- --real DIR [--model public/models/ball] [--hidden 32] [--epochs 25]
//   [--seed 1] [--photos N] [--scenes 1500]
// Trains the default model's verifier (src/model/ball-verifier.ts): the model proposes boxes on the real
// training photos (the same split as train:default --real, so no validation or evaluation photo is
// seen), plus procedural scenes (the app's own sample photos are of that kind), each box is described by a crop around it and marked ball or not by the labels, and a small
// layer learns to tell them apart. Writes verifier.json into the model folder and a "verifier" part
// into its RECIPE.json, then evaluates the model with it on datasets/real-val and datasets/lookalikes.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeVerifier } from '../src/model/ball-verifier.ts';
import type { Box } from '../src/model/geometry.ts';
import { type DetectorSession, openDetectorSession, parseWhole, runCli, UsageError } from './lib/detector-session.ts';
import type { TrainItem } from './lib/train-session.ts';
import { fitVerifier } from './real-data/fit-verifier.ts';
import { mixRealPhotos, shuffled } from './real-data/mix.ts';
import { evalSummary, SCENE_SEED_OFFSET } from './real-data/train-real.ts';
import { verifierExamples } from './real-data/verifier-data.ts';

/** Procedural scenes (from train:default --real's seed range, never the sample's) rendered into a temporary folder, as photos with their ball boxes. */
async function renderScenes(session: DetectorSession, seed: number, count: number): Promise<TrainItem[]> {
  const folder = mkdtempSync(join(tmpdir(), 'tama-verifier-scenes-'));
  const items: TrainItem[] = [];
  for (let index = 0; index < count; index++) {
    const scene = await session.harness.page.evaluate(([s, i]) => window.tama.renderScene(s, i), [
      seed,
      index,
    ] as const);
    const path = join(folder, `s${seed}-${index}.jpg`);
    writeFileSync(path, Buffer.from(scene.jpegBase64, 'base64'));
    items.push({ path, boxes: scene.balls.map((ball) => ({ box: ball.bbox as Box, label: 'ball' })) });
  }
  return items;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      real: { type: 'string' },
      model: { type: 'string', default: 'public/models/ball' },
      hidden: { type: 'string', default: '32' },
      epochs: { type: 'string', default: '25' },
      seed: { type: 'string', default: '1' },
      photos: { type: 'string', default: '100000' },
      scenes: { type: 'string', default: '1500' },
    },
  });
  if (!values.real) throw new UsageError('--real DIR is required (the photos of `npm run real:extract`)');
  const model = resolve(values.model);
  if (!existsSync(join(model, 'model.json'))) throw new UsageError(`--model ${values.model}: no model.json there`);
  const seed = parseWhole('seed', values.seed, 0);
  const sceneCount = parseWhole('scenes', values.scenes, 0);
  const options = {
    hidden: parseWhole('hidden', values.hidden, 1),
    epochs: parseWhole('epochs', values.epochs, 1),
    seed,
  };
  const log = (line: object) => console.log(JSON.stringify(line));
  const started = performance.now();
  // Every negative photo: the verifier is small, and look-alikes are what it is for.
  const mix = mixRealPhotos(resolve(values.real), { seed, valShare: 0.1, negativesPerSource: 100_000 });
  const photos = shuffled(mix.train, seed).slice(0, parseWhole('photos', values.photos, 1));
  if (photos.length === 0) throw new UsageError(`no real photos under ${values.real}`);
  const session = await openDetectorSession('wasm', model, undefined, false);
  let train: Awaited<ReturnType<typeof verifierExamples>>;
  let val: Awaited<ReturnType<typeof verifierExamples>>;
  try {
    const scenes = await renderScenes(session, SCENE_SEED_OFFSET + seed, sceneCount);
    const all = shuffled([...photos, ...scenes], seed);
    train = await verifierExamples(session, all, (done) => {
      if (done % 500 === 0) log({ described: done, of: all.length });
    });
    val = await verifierExamples(session, [...mix.val.values()].flat());
  } finally {
    await session.close();
  }
  const balls = (labels: number[]) => labels.filter((label) => label === 1).length;
  log({
    examples: train.labels.length,
    balls: balls(train.labels),
    val: val.labels.length,
    valBalls: balls(val.labels),
  });
  const fit = await fitVerifier(train, val, options, log);
  const minutes = Math.round((performance.now() - started) / 6_000) / 10;
  const trainedOn = {
    command: `npm run train:verifier -- ${process.argv.slice(2).join(' ')}`.trim(),
    options,
    photos: photos.length,
    scenes: sceneCount,
    examples: train.labels.length,
    balls: balls(train.labels),
    valExamples: val.labels.length,
    bestEpoch: fit.bestEpoch,
    valLoss: Math.round(fit.valLoss * 1000) / 1000,
    valAccuracy: Math.round(fit.valAccuracy * 1000) / 1000,
    minutes,
  };
  writeFileSync(join(model, 'verifier.json'), encodeVerifier(fit.weights));
  const recipePath = join(model, 'RECIPE.json');
  const recipe = existsSync(recipePath) ? JSON.parse(readFileSync(recipePath, 'utf8')) : {};
  const datasets = join(import.meta.dirname, '../datasets');
  recipe.verifier = trainedOn;
  recipe.evaluation = {
    realVal: evalSummary(join(datasets, 'real-val'), model),
    lookalikes: evalSummary(join(datasets, 'lookalikes/lookalikes.json'), model),
  };
  writeFileSync(recipePath, `${JSON.stringify(recipe, null, 1)}\n`);
  log({ done: join(model, 'verifier.json'), ...trainedOn, evaluation: recipe.evaluation });
  return 0;
}

runCli('train:verifier', main);
