// npm run eval -- --dataset COCO.json|DIR [--model default|coco|DIR] [--backend b] [--iou 0.5]
//   [--threshold 0.5] [--tiles N] [--input-size 300] [--verifier on|off] [--json]
// mAP@IoU over the dataset's categories, precision and recall at the live view's default threshold, and
// per ball kind (annotations' attributes.kind, as the procedural datasets write it) and per size
// (COCO's small < 32², medium < 96², large). The COCO model's "sports ball" counts as "ball".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCoco } from '../src/dataset/coco.ts';
import { SPORTS_BALL } from '../src/model/coco-classes.ts';
import { evaluate, evaluateSubset, type GroundTruth, type ImageResult, sizeOf } from '../src/model/evaluation.ts';
import { DEFAULT_THRESHOLD } from '../src/model/model-variants.ts';
import {
  errorMessage,
  openDetectorSession,
  parseBackend,
  parseInputSize,
  parseTiles,
  parseUnitInterval,
  runCli,
  UsageError,
} from './lib/detector-session.ts';

/** A folder stands for the one COCO file in it (datasets/real-val → datasets/real-val/real-val.json). */
function cocoFileOf(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  const files = readdirSync(path).filter((name) => name.endsWith('.json'));
  if (files.length !== 1)
    throw new UsageError(`${path}: expected one COCO .json file in the folder, found ${files.length}`);
  return join(path, files[0] as string);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      model: { type: 'string', default: 'default' },
      threshold: { type: 'string' },
      tiles: { type: 'string' },
      backend: { type: 'string' },
      'input-size': { type: 'string' },
      iou: { type: 'string' },
      verifier: { type: 'string', default: 'on' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.dataset) throw new UsageError('--dataset COCO.json is required');
  const backend = parseBackend(values.backend);
  const iouThreshold = parseUnitInterval('iou', values.iou, 0.5);
  const scoreThreshold = parseUnitInterval('threshold', values.threshold, DEFAULT_THRESHOLD);
  const tiles = parseTiles(values.tiles);
  if (values.verifier !== 'on' && values.verifier !== 'off')
    throw new UsageError(`--verifier must be on or off, not "${values.verifier}"`);
  const datasetPath = cocoFileOf(resolve(values.dataset));
  let text: string;
  try {
    text = readFileSync(datasetPath, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${values.dataset}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(error)}`,
    );
  }
  let dataset: ReturnType<typeof parseCoco>;
  try {
    dataset = parseCoco(text);
  } catch (error) {
    throw new UsageError(`${values.dataset}: ${errorMessage(error)}`);
  }
  if (dataset.images.length === 0) throw new UsageError(`${values.dataset}: the dataset has no images`);
  const categoryName = new Map(dataset.categories.map((category) => [category.id, category.name]));
  // parseCoco keeps the annotations in order and drops the attributes it does not model: read kinds raw.
  const rawAnnotations = (JSON.parse(text) as { annotations: { attributes?: { kind?: unknown } }[] }).annotations;
  const kindOf = new Map(
    dataset.annotations.map((annotation, i) => {
      const kind = rawAnnotations[i]?.attributes?.kind;
      return [annotation, typeof kind === 'string' ? kind : 'unknown'] as const;
    }),
  );
  const truthKind = new Map<object, string>();

  const session = await openDetectorSession(
    backend,
    values.model,
    parseInputSize(values['input-size']),
    values.verifier === 'on',
  );
  const results: ImageResult[] = [];
  let totalMs = 0;
  let failures = 0;
  try {
    for (const image of dataset.images) {
      const file = resolve(dirname(datasetPath), image.file_name);
      const truths = dataset.annotations
        .filter((annotation) => annotation.image_id === image.id)
        .map((annotation) => {
          const truth = { box: annotation.bbox, label: categoryName.get(annotation.category_id) as string };
          truthKind.set(truth, kindOf.get(annotation) ?? 'unknown');
          return truth;
        });
      try {
        // A low threshold: AP integrates over the whole precision/recall curve.
        const result = await session.detectFile(file, { threshold: 0.05, maxDetections: 100, tiles });
        totalMs += result.ms;
        const detections = result.detections.map((d) => ({ ...d, label: d.label === SPORTS_BALL ? 'ball' : d.label }));
        results.push({ truths, detections });
      } catch (error) {
        failures++;
        console.error(`eval: ${file}: ${errorMessage(error)}`);
      }
    }
  } finally {
    await session.close();
  }
  const metrics = evaluate(results, { iouThreshold, scoreThreshold });
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const breakdown = (groupOf: (truth: GroundTruth) => string) => {
    const groups = [...new Set(results.flatMap((r) => r.truths.filter((t) => t.label === 'ball').map(groupOf)))].sort();
    return Object.fromEntries(
      groups.map((group) => {
        const subset = evaluateSubset(results, 'ball', (truth) => groupOf(truth) === group, {
          iouThreshold,
          scoreThreshold,
        });
        return [group, { balls: subset.truths, recall: round(subset.recall), ap50: round(subset.ap) }];
      }),
    );
  };
  const summary = {
    images: results.length,
    mAP50: round(metrics.mAP),
    mAP50AtScore50: round(metrics.mAPAtScore),
    precision: round(metrics.precision),
    recall: round(metrics.recall),
    falseAlarms: metrics.falseAlarms,
    msPerImage: results.length ? Math.round(totalMs / results.length) : 0,
    backend: session.backend,
    model: values.model,
    verifier: session.verified,
    threshold: scoreThreshold,
    ...(tiles > 1 ? { tiles } : {}),
    perKind: breakdown((truth) => truthKind.get(truth) ?? 'unknown'),
    perSize: breakdown((truth) => sizeOf(truth.box)),
    ...(iouThreshold !== 0.5 ? { iou: iouThreshold } : {}),
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    const second = summary.verifier ? ', each box checked by the verifier' : '';
    console.log(`${summary.images} images on ${summary.backend}${second}, ${summary.msPerImage} ms/image`);
    console.log(
      `mAP@${iouThreshold}: ${summary.mAP50} (only scores ≥ ${scoreThreshold}: ${summary.mAP50AtScore50})   precision@${scoreThreshold}: ${summary.precision}   recall@${scoreThreshold}: ${summary.recall}`,
    );
    for (const [name, groups] of [
      ['kind', summary.perKind],
      ['size', summary.perSize],
    ] as const)
      for (const [group, m] of Object.entries(groups))
        console.log(`  ${name} ${group}: ${m.balls} balls, recall ${m.recall}, AP@0.5 ${m.ap50}`);
  }
  return failures ? 2 : 0;
}

runCli('eval', main);
