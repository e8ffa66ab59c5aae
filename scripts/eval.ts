// npm run eval -- --dataset COCO.json [--model coco|DIR] [--backend b] [--iou 0.5] [--json]
// mAP@IoU over the dataset's categories, plus precision and recall at score ≥ 0.5. The COCO model's
// "sports ball" counts as the dataset's "ball".
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCoco } from '../src/dataset/coco.ts';
import { SPORTS_BALL } from '../src/model/coco-classes.ts';
import { evaluate, type ImageResult } from '../src/model/evaluation.ts';
import {
  errorMessage,
  openDetectorSession,
  parseBackend,
  parseUnitInterval,
  runCli,
  UsageError,
} from './lib/detector-session.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      model: { type: 'string', default: 'coco' },
      backend: { type: 'string' },
      iou: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.dataset) throw new UsageError('--dataset COCO.json is required');
  const backend = parseBackend(values.backend);
  const iouThreshold = parseUnitInterval('iou', values.iou, 0.5);
  const datasetPath = resolve(values.dataset);
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

  const session = await openDetectorSession(backend, values.model);
  const results: ImageResult[] = [];
  let totalMs = 0;
  let failures = 0;
  try {
    for (const image of dataset.images) {
      const file = resolve(dirname(datasetPath), image.file_name);
      const truths = dataset.annotations
        .filter((annotation) => annotation.image_id === image.id)
        .map((annotation) => ({ box: annotation.bbox, label: categoryName.get(annotation.category_id) as string }));
      try {
        // A low threshold: AP integrates over the whole precision/recall curve.
        const result = await session.detectFile(file, { threshold: 0.05, maxDetections: 100 });
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
  const metrics = evaluate(results, { iouThreshold, scoreThreshold: 0.5 });
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const summary = {
    images: results.length,
    mAP50: round(metrics.mAP),
    mAP50AtScore50: round(metrics.mAPAtScore),
    precision: round(metrics.precision),
    recall: round(metrics.recall),
    msPerImage: results.length ? Math.round(totalMs / results.length) : 0,
    backend: session.backend,
    ...(iouThreshold !== 0.5 ? { iou: iouThreshold } : {}),
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(`${summary.images} images on ${summary.backend}, ${summary.msPerImage} ms/image`);
    console.log(
      `mAP@${iouThreshold}: ${summary.mAP50} (only scores ≥ 0.5: ${summary.mAP50AtScore50})   precision@0.5: ${summary.precision}   recall@0.5: ${summary.recall}`,
    );
  }
  return failures ? 2 : 0;
}

runCli('eval', main);
