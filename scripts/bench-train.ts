// npm run bench:train -- [--part target,fewshot,timing] [--backends wasm,webgl,webgpu,cpu]
//   [--images 50] [--epochs 20] [--scenes 3]
// Prints numbers, asserts nothing:
//  target  — the sample dataset: stock COCO "sports ball" vs a fine-tuned model on datasets/sample/val
//            (mAP@0.5 over all scores, and over scores ≥ 0.5 as the live view shows them).
//  fewshot — one labelled photo of a scene; the model must find the ball in another frame of that
//            scene where stock COCO-SSD misses it (score < 0.5 or wrong place).
//  timing  — fine-tuning time for N photos × E epochs per backend (feature pass + epochs). Slow
//            backends run fewer photos/epochs (--images/--epochs) and the full size is projected.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SPORTS_BALL } from '../src/model/coco-classes.ts';
import { evaluate, type ImageResult } from '../src/model/evaluation.ts';
import { type Box, iou } from '../src/model/geometry.ts';
import { DEFAULT_MODEL_VARIANT } from '../src/model/model-variants.ts';
import type { TrainSettings } from '../src/model/trained-model.ts';
import { type BackendName, isBackendChoice } from '../src/shared/backend/backends.ts';
import { openDetectorSession } from './lib/detector-session.ts';
import { type Harness, openHarness } from './lib/harness.ts';
import { readDataset, type TrainItem, trainInHarness, writeModelFolder } from './lib/train-session.ts';

const root = resolve(import.meta.dirname, '..');
const sample = (split: string) => readDataset(join(root, `datasets/sample/${split}.json`), split);
const settings = (overrides: Partial<TrainSettings> = {}): TrainSettings => ({
  classes: ['ball'],
  epochs: 20,
  batchSize: 8,
  learningRate: 0.001,
  augmentCopies: 3,
  patience: 5,
  seed: 1,
  base: DEFAULT_MODEL_VARIANT,
  ...overrides,
});
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

async function evaluateModel(model: string, items: TrainItem[]) {
  const session = await openDetectorSession('wasm', model);
  try {
    const results: ImageResult[] = [];
    for (const item of items) {
      const { detections } = await session.detectFile(item.path, { threshold: 0.05, maxDetections: 100 });
      results.push({
        truths: item.boxes,
        detections: detections.map((d) => ({ ...d, label: d.label === SPORTS_BALL ? 'ball' : d.label })),
      });
    }
    const metrics = evaluate(results, { scoreThreshold: 0.5 });
    return { mAP50: round(metrics.mAP), mAP50AtScore50: round(metrics.mAPAtScore), recall50: round(metrics.recall) };
  } finally {
    await session.close();
  }
}

/**
 * The training worker says once whether it is cross-origin isolated and how many threads WASM runs;
 * echoed on stderr, so stdout stays the tables.
 */
function echoTrainingWorker(harness: Harness): void {
  harness.page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.text().startsWith('training worker')) console.error(message.text());
    }),
  );
}

async function target(work: string) {
  const harness = await openHarness();
  echoTrainingWorker(harness);
  let run: Awaited<ReturnType<typeof trainInHarness>>;
  try {
    run = await trainInHarness(harness, {
      train: sample('train'),
      val: sample('val'),
      settings: settings(),
      backend: 'wasm',
      name: 'bench',
    });
  } finally {
    await harness.close();
  }
  const folder = join(work, 'target-model');
  writeModelFolder(folder, run);
  const val = sample('val');
  const stock = await evaluateModel('coco', val);
  const tuned = await evaluateModel(folder, val);
  const { metrics } = run.meta;
  console.log(
    `\ntarget — datasets/sample: train ${metrics.trainImages} photos × ${run.meta.settings.augmentCopies} views, val ${metrics.valImages}; ${metrics.epochs.length} epochs (best ${metrics.bestEpoch}), ${round(metrics.ms / 1000, 1)} s on ${metrics.backend}`,
  );
  console.log('| model | mAP@0.5 (all scores) | mAP@0.5 (scores ≥ 0.5) | recall@0.5 (score ≥ 0.5) |');
  console.log('|---|---|---|---|');
  console.log(`| stock COCO "sports ball" | ${stock.mAP50} | ${stock.mAP50AtScore50} | ${stock.recall50} |`);
  console.log(`| fine-tuned | ${tuned.mAP50} | ${tuned.mAP50AtScore50} | ${tuned.recall50} |`);
  console.log(
    `| gain | ${round(tuned.mAP50 - stock.mAP50)} | ${round(tuned.mAP50AtScore50 - stock.mAP50AtScore50)} | ${round(tuned.recall50 - stock.recall50)} |`,
  );
}

async function fewShot(work: string, wanted: number, tuning: Partial<TrainSettings>) {
  const harness = await openHarness();
  const stock = await openDetectorSession('wasm');
  try {
    const scenes: { index: number; frames: { path: string; box: Box; kind: string }[] }[] = [];
    for (let index = 0; scenes.length < wanted && index < 80; index++) {
      const frames = [];
      for (const frame of [0, 1]) {
        const scene = await harness.page.evaluate(
          ([i, f]) => window.tama.renderScene(77, i, { maxBalls: 1, negativeRate: 0, frame: f }),
          [index, frame] as const,
        );
        const path = join(work, `scene-${index}-${frame}.jpg`);
        writeFileSync(path, Buffer.from(scene.jpegBase64, 'base64'));
        const ball = scene.balls[0];
        if (!ball) break;
        frames.push({ path, box: ball.bbox as Box, kind: ball.kind });
      }
      if (frames.length < 2) continue;
      const second = frames[1] as (typeof frames)[number];
      const seen = await stock.detectFile(second.path, { threshold: 0.5 });
      if (seen.detections.some((d) => iou(d.box, second.box) >= 0.5)) continue;
      scenes.push({ index, frames });
    }
    console.log(
      `\nfew-shot — scenes (seed 77, one ball) where stock COCO-SSD misses the ball in frame 1 at score ≥ 0.5:`,
    );
    console.log(
      '| scene | ball | stock best score on it (frame 1) | fine-tuned on frame 0 only: score, IoU (frame 1) | found |',
    );
    console.log('|---|---|---|---|---|');
    let found = 0;
    for (const { index, frames } of scenes) {
      const [first, second] = frames as [(typeof frames)[number], (typeof frames)[number]];
      const low = await stock.detectFile(second.path, { threshold: 0.01, maxDetections: 100 });
      const stockBest = Math.max(0, ...low.detections.filter((d) => iou(d.box, second.box) >= 0.5).map((d) => d.score));
      const run = await trainInHarness(harness, {
        train: [{ path: first.path, boxes: [{ box: first.box, label: 'ball' }] }],
        val: [],
        settings: settings({ augmentCopies: 16, ...tuning }),
        backend: 'wasm',
        name: `few-shot-${index}`,
      });
      const folder = join(work, `few-shot-${index}`);
      writeModelFolder(folder, run);
      const tuned = await openDetectorSession('wasm', folder);
      try {
        if (process.env.TAMA_DEBUG) {
          for (const f of [first, second]) {
            const all = await tuned.detectFile(f.path, { threshold: 0.01, maxDetections: 100 });
            console.log(
              f.path,
              JSON.stringify(f.box),
              all.detections
                .slice(0, 4)
                .map((d) => `${round(d.score)}@${round(iou(d.box, f.box))}`)
                .join(' '),
            );
          }
        }
        const result = await tuned.detectFile(second.path, { threshold: 0.5 });
        const hit = result.detections
          .map((d) => ({ score: d.score, overlap: iou(d.box, second.box) }))
          .sort((a, b) => b.overlap - a.overlap)[0];
        const ok = !!hit && hit.overlap >= 0.5;
        if (ok) found++;
        console.log(
          `| ${index} | ${second.kind} | ${round(stockBest)} | ${hit ? `${round(hit.score)}, ${round(hit.overlap)}` : 'nothing ≥ 0.5'} | ${ok ? 'yes' : 'no'} |`,
        );
      } finally {
        await tuned.close();
      }
    }
    console.log(`found in ${found} of ${scenes.length} scenes`);
  } finally {
    await stock.close();
    await harness.close();
  }
}

async function timing(backends: BackendName[], images: number, epochs: number) {
  const all = [...sample('train'), ...sample('val')];
  console.log(
    `\ntiming — ${images} photos × ${epochs} epochs × 3 views per photo, batch 8 (projected to 50 × 20 where smaller):`,
  );
  console.log(
    '| backend | photos × epochs run | features ms/view | ms/epoch | ms/step | total s | projected 50 × 20 s |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const backend of backends) {
    const harness = await openHarness();
    echoTrainingWorker(harness);
    try {
      const run = await trainInHarness(harness, {
        train: all.slice(0, images),
        val: [],
        settings: settings({ epochs, augmentCopies: 3 }),
        backend,
        name: `timing-${backend}`,
      });
      const { metrics } = run.meta;
      const views = images * 3;
      const perView = metrics.featuresMs / views;
      const perEpoch = metrics.epochs.reduce((sum, e) => sum + e.ms, 0) / Math.max(1, metrics.epochs.length);
      // An epoch is max(10, views / batch) steps (see the trainer): scale by steps, not photos.
      const steps = (views: number) => Math.max(10, Math.ceil(views / 8));
      const projected = (perView * 150 + (perEpoch / steps(views)) * steps(150) * 20) / 1000;
      console.log(
        `| ${metrics.backend} | ${images} × ${epochs} | ${Math.round(perView)} | ${Math.round(perEpoch)} | ${Math.round(perEpoch / steps(views))} | ${round(metrics.ms / 1000, 1)} | ${round(projected, 1)} |`,
      );
    } catch (error) {
      console.log(
        `| ${backend} | failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} | | | | | |`,
      );
    } finally {
      await harness.close();
    }
  }
}

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'target,fewshot,timing' },
    backends: { type: 'string', default: 'wasm' },
    images: { type: 'string', default: '50' },
    epochs: { type: 'string', default: '20' },
    scenes: { type: 'string', default: '3' },
    'fewshot-epochs': { type: 'string' },
    'fewshot-lr': { type: 'string' },
    'fewshot-copies': { type: 'string' },
  },
});
const parts = (values.part ?? '').split(',');
const work = mkdtempSync(join(tmpdir(), 'tama-bench-train-'));
try {
  if (parts.includes('target')) await target(work);
  if (parts.includes('fewshot'))
    await fewShot(work, Number(values.scenes), {
      ...(values['fewshot-epochs'] ? { epochs: Number(values['fewshot-epochs']) } : {}),
      ...(values['fewshot-lr'] ? { learningRate: Number(values['fewshot-lr']) } : {}),
      ...(values['fewshot-copies'] ? { augmentCopies: Number(values['fewshot-copies']) } : {}),
    });
  if (parts.includes('timing')) {
    const backends = (values.backends ?? '')
      .split(',')
      .filter((b): b is BackendName => isBackendChoice(b) && b !== 'auto');
    await timing(backends, Number(values.images), Number(values.epochs));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
