// npm run noise-lab -- --kind missed|loose|extra|class [--rates 0,0.2,0.4,0.6] [--dataset FILE.json|DIR]
//   [--val COCO.json] [--epochs n] [--seed s] [--backend b] [--json]
// The Train page's bad-labels lab (悪い教師) for boxes, headless: at each rate the training labels get
// that share of one kind of mistake (seeded, exact), blank heads are fitted on them, and scored on the
// validation photos, whose labels are never touched. The sample dataset by default (its train.json
// and val.json); a folder with train.json and val.json splits the same way; any other dataset is split
// with a seeded quarter for validation. With --json: one line per rate {kind, rate, mAP50, recall,
// precision, changed, trainPhotos, valPhotos, epochs, backend, ms}.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BOX_NOISE_KINDS, type BoxNoiseKind } from '../src/dataset/box-noise.ts';
import { splitOf } from '../src/dataset/split.ts';
import type { NoiseLabResult } from '../src/features/training/label-check-protocol.ts';
import { parseBackend, parseWhole, runCli, UsageError } from './lib/detector-session.ts';
import { openHarness } from './lib/harness.ts';
import { cocoItems, locateDataset, roundTo, servePhotos } from './lib/label-dataset.ts';

const SAMPLE = join(import.meta.dirname, '../datasets/sample');

function parseRates(value: string | undefined): number[] {
  if (value === undefined) return [0, 0.2, 0.4, 0.6];
  const rates = value.split(',').map((part) => Number(part));
  if (!rates.length || rates.some((rate) => !(rate >= 0 && rate <= 1)))
    throw new UsageError(`--rates takes shares between 0 and 1, comma-separated, not "${value}"`);
  return rates;
}

/** Training and validation items: the folder's train.json + val.json, --val, or a seeded quarter. */
function splitDataset(dataset: string | undefined, val: string | undefined, seed: number) {
  const folder = resolve(dataset ?? SAMPLE);
  if (!val && existsSync(join(folder, 'train.json')) && existsSync(join(folder, 'val.json')))
    return { train: cocoItems(join(folder, 'train.json')), val: cocoItems(join(folder, 'val.json'), '--val') };
  const located = locateDataset(dataset);
  if (located.kind === 'zip')
    throw new UsageError('--dataset: the noise lab reads COCO .json files or a folder of them');
  const all = located.files.flatMap((file) => cocoItems(file));
  if (val) return { train: all, val: cocoItems(resolve(val), '--val') };
  const split = { seed, valRatio: 0.25 };
  return {
    train: all.filter((item) => splitOf({ id: item.name }, split) === 'train'),
    val: all.filter((item) => splitOf({ id: item.name }, split) === 'val'),
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' },
      rates: { type: 'string' },
      dataset: { type: 'string' },
      val: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const kind = values.kind as BoxNoiseKind;
  if (!BOX_NOISE_KINDS.includes(kind))
    throw new UsageError(`--kind must be ${BOX_NOISE_KINDS.join(', ')}, not "${values.kind ?? ''}"`);
  const rates = parseRates(values.rates);
  const seed = values.seed === undefined ? 1 : parseWhole('seed', values.seed, 1);
  const backend = parseBackend(values.backend);
  const { train, val } = splitDataset(values.dataset, values.val, seed);
  if (!val.some((item) => item.boxes.length)) throw new UsageError('the validation photos hold no box to score on');

  const harness = await openHarness();
  try {
    await harness.page.exposeFunction('tamaOnNoiseResult', (result: NoiseLabResult) => {
      const line = {
        ...result,
        mAP50: roundTo(result.mAP50, 3),
        recall: roundTo(result.recall, 3),
        precision: roundTo(result.precision, 3),
      };
      console.log(
        values.json
          ? JSON.stringify(line)
          : `${kind} ${Math.round(result.rate * 100)} %: mAP@0.5 ${line.mAP50.toFixed(3)}, recall ${line.recall.toFixed(2)}, precision ${line.precision.toFixed(2)} at score 0.5 (${line.changed} boxes changed, ${(result.ms / 1000).toFixed(1)} s, ${result.backend})`,
      );
    });
    const [trainPhotos, valPhotos] = await Promise.all([servePhotos(harness, train), servePhotos(harness, val)]);
    await harness.page.evaluate((r) => window.tama.noiseLab(r), {
      train: trainPhotos,
      val: valPhotos,
      kind,
      rates,
      seed,
      backend,
      ...(values.epochs ? { epochs: parseWhole('epochs', values.epochs, 1) } : {}),
    });
    return 0;
  } finally {
    await harness.close();
  }
}

runCli('noise-lab', main);
