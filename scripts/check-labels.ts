// npm run check-labels -- --dataset FILE.json|DIR|ZIP [--folds 5] [--seed 1] [--epochs n] [--backend b]
//   [--inject missed=0.1,loose=0.1,extra=0.05,class=0.05 [--answer-key FILE]] [--json]
// The label checker (教師チェック) of the Label page, headless: each photo is judged by heads fitted
// on the other folds, and where the judgement and the labels disagree the photo's boxes are suspects.
// With --json: one line per suspect, worst first — {image, kind, box: COCO [x, y, w, h] in pixels,
// score, label, suggestion?} — then a line {final: true, …}. --inject first puts seeded mistakes into
// the labels (the noise lab's corruptions) and scores the ranked list against them (AP per kind,
// precision@20) in the final line; --answer-key writes the list of those mistakes.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BOX_NOISE_KINDS, type BoxNoiseKind } from '../src/dataset/box-noise.ts';
import { type PhotoSuspect, scoreRanking } from '../src/dataset/suspect-ranking.ts';
import { parseBackend, parseWhole, runCli, UsageError } from './lib/detector-session.ts';
import { openHarness } from './lib/harness.ts';
import { cocoItems, locateDataset, roundTo, servePhotos } from './lib/label-dataset.ts';

function parseInject(value: string | undefined): Partial<Record<BoxNoiseKind, number>> | undefined {
  if (value === undefined) return undefined;
  const rates: Partial<Record<BoxNoiseKind, number>> = {};
  for (const part of value.split(',')) {
    const [kind, rate] = part.split('=');
    if (!BOX_NOISE_KINDS.includes(kind as BoxNoiseKind) || !(Number(rate) >= 0 && Number(rate) <= 1))
      throw new UsageError(
        `--inject takes kind=rate pairs (kinds: ${BOX_NOISE_KINDS.join(', ')}; rates 0…1), not "${part}"`,
      );
    rates[kind as BoxNoiseKind] = Number(rate);
  }
  return rates;
}

const round = (value: number, places = 1) => roundTo(value, places);

function describe(suspect: PhotoSuspect) {
  return {
    image: suspect.imageId,
    kind: suspect.kind,
    box: suspect.box.map((v) => round(v)),
    score: round(suspect.score, 3),
    label: suspect.label,
    ...(suspect.suggestion
      ? {
          suggestion: {
            box: suspect.suggestion.box.map((v) => round(v)),
            label: suspect.suggestion.label,
            score: round(suspect.suggestion.score, 3),
          },
        }
      : {}),
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      folds: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string' },
      inject: { type: 'string' },
      epochs: { type: 'string' },
      'answer-key': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const dataset = locateDataset(values.dataset);
  const folds = values.folds === undefined ? 5 : parseWhole('folds', values.folds, 2);
  const seed = values.seed === undefined ? 1 : parseWhole('seed', values.seed, 1);
  const backend = parseBackend(values.backend);
  const inject = parseInject(values.inject);

  const harness = await openHarness();
  try {
    const source =
      dataset.kind === 'zip'
        ? { zipUrl: await harness.serveFile(dataset.path) }
        : {
            photos: await servePhotos(
              harness,
              dataset.files.flatMap((file) => cocoItems(file)),
            ),
          };
    const outcome = await harness.page.evaluate((r) => window.tama.checkLabels(r), {
      source,
      folds,
      seed,
      backend,
      ...(inject ? { inject } : {}),
      ...(values.epochs ? { epochs: parseWhole('epochs', values.epochs, 1) } : {}),
    });
    for (const suspect of outcome.suspects) {
      const line = describe(suspect);
      console.log(
        values.json
          ? JSON.stringify(line)
          : `${line.score.toFixed(2)}  ${line.kind.padEnd(6)}  ${line.image}  [${line.box.join(', ')}] ${line.label}`,
      );
    }
    const ranking = inject ? scoreRanking(outcome.suspects, outcome.errors) : undefined;
    if (values['answer-key']) writeFileSync(values['answer-key'], JSON.stringify(outcome.errors, null, 1));
    const summary = {
      final: true,
      photos: outcome.checked,
      suspects: outcome.suspects.length,
      folds: outcome.folds,
      backend: outcome.backend,
      ms: outcome.ms,
      ...(ranking
        ? {
            injected: outcome.errors.length,
            ap: Object.fromEntries(Object.entries(ranking.perKind).map(([kind, score]) => [kind, round(score.ap, 3)])),
            found: Object.fromEntries(
              Object.entries(ranking.perKind).map(([kind, score]) => [kind, `${score.found}/${score.injected}`]),
            ),
            precisionAt20: round(ranking.precisionAtK, 3),
          }
        : {}),
    };
    console.log(
      values.json
        ? JSON.stringify(summary)
        : `${summary.suspects} suspects in ${summary.photos} photos (${folds} folds, ${round(outcome.ms / 1000)} s, ${outcome.backend})` +
            (ranking ? `; AP per kind ${JSON.stringify(summary.ap)}, precision@20 ${summary.precisionAt20}` : ''),
    );
    return 0;
  } finally {
    await harness.close();
  }
}

runCli('check-labels', main);
