// `train:default --real`: trains, writes the model folder and a RECIPE.json that names every real
// source (repository, commit, dataset URL, licence, photos used) with its own validation numbers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { TrainedModelMeta } from '../../src/model/trained-model.ts';
import { openHarness } from '../lib/harness.ts';
import { weightsSha256, writeModelFolder } from '../lib/train-session.ts';
import {
  evalSummary,
  type RealTrainingOptions,
  realRecipe,
  trainOnRealPhotos,
  validatePerSource,
} from './train-real.ts';

/**
 * The heads a run went on from, so a recipe can be followed back: `--start DIR`, or else the bundled
 * default model of the checkout (read before this run may overwrite it), with that model's own recipe.
 */
function startedFrom(startDir: string | undefined): object {
  const folder = startDir ?? join(import.meta.dirname, '../../public/models/ball');
  const recipePath = join(folder, 'RECIPE.json');
  const previous = existsSync(recipePath) ? JSON.parse(readFileSync(recipePath, 'utf8')) : undefined;
  return {
    model: startDir ?? 'public/models/ball (the bundled default model; its earlier versions are in git history)',
    weightsSha256: weightsSha256(folder),
    ...(previous ? { command: previous.command, realValMAP50: previous.evaluation?.realVal?.mAP50 } : {}),
  };
}

export async function trainDefaultOnRealPhotos(
  options: RealTrainingOptions & { out: string; log: (line: object) => void; argv: string[]; startDir?: string },
): Promise<number> {
  const { out, log, argv, startDir, ...training } = options;
  const started = performance.now();
  const start = startedFrom(startDir);
  const harness = await openHarness();
  let result: Awaited<ReturnType<typeof trainOnRealPhotos>>;
  try {
    result = await trainOnRealPhotos(harness, training, log);
  } finally {
    await harness.close();
  }
  const meta = JSON.parse(result.files.json) as TrainedModelMeta;
  // Stable identity: the bundled model is the same model on every device and in every build.
  const stable: TrainedModelMeta = { ...meta, id: 'default-ball', name: 'Ball (default)', createdAt: 0 };
  writeModelFolder(out, {
    meta: stable,
    files: { json: JSON.stringify(stable, null, 1), weightsBase64: result.files.weightsBase64 },
  });
  const trainingMinutes = Math.round((performance.now() - started) / 6_000) / 10;
  log({ validating: 'each source on its own validation photos' });
  const validation = validatePerSource(result.mix, out);
  const datasets = join(import.meta.dirname, '../../datasets');
  const evaluation = {
    realVal: evalSummary(join(datasets, 'real-val'), out),
    lookalikes: evalSummary(join(datasets, 'lookalikes/lookalikes.json'), out),
  };
  const recipe = {
    command: `npm run train:default -- ${argv.join(' ')}`.trim(),
    options: { ...training, root: undefined, start: undefined },
    startedFrom: start,
    real: realRecipe(result.mix, validation),
    evaluation,
    chunks: result.chunks,
    minutes: trainingMinutes,
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    weightsSha256: weightsSha256(out),
  };
  writeFileSync(join(out, 'RECIPE.json'), `${JSON.stringify(recipe, null, 1)}\n`);
  log({ done: out, minutes: trainingMinutes, weightsSha256: recipe.weightsSha256 });
  return 0;
}
