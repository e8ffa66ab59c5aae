// npm run soak -- [--minutes 10] [--every 30] [--warmup 30] [--backend wasm|webgl|webgpu|cpu]
// npm run soak -- --train 30 [--epochs 3] [--images 12] [--backend wasm]   (alias: --fine-tunes 30)
//   [--json out.json]
// Long-run checks, printed as they go:
//  live  — the Detect page with Chromium's fake camera for N minutes; tensors, the backend's memory
//          (WebGL/WebGPU bytes on the GPU and WebGL textures, WASM's heap), JS heap and DOM nodes
//          (after a forced GC) and the window's median ms/frame and FPS, every `--every` seconds.
//  train — N back-to-back fine-tuning runs in one training worker: time per run, the worker's tensors
//          and bytes (must be back to their start after every run), worker and page JS heap.
// Then a summary per metric: least-squares slope per sample and a verdict comparing the first and last
// thirds ("flat within noise" or "growing"). Exit code 1 when a memory metric grows (frame time and
// FPS are reported, not judged: a shared machine slows them for reasons of its own) or, in train
// mode, when a run leaves a tensor behind.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isBackendChoice } from '../src/shared/backend/backends.ts';
import { liveColumns, liveSoak } from './lib/soak-live.ts';
import { type MetricSummary, printSummary, summarize } from './lib/soak-stats.ts';
import { trainColumns, trainSoak } from './lib/soak-train.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    every: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '30' },
    backend: { type: 'string', default: 'wasm' },
    train: { type: 'string' },
    'fine-tunes': { type: 'string' },
    epochs: { type: 'string', default: '3' },
    images: { type: 'string', default: '12' },
    json: { type: 'string' },
  },
});

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!(value > 0)) {
    console.error(`--${name} must be a positive number, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const backend = values.backend;
if (!isBackendChoice(backend) || backend === 'auto') {
  console.error(`--backend must be one of wasm, webgl, webgpu, cpu; got "${backend}"`);
  process.exit(2);
}
const print = (line: string) => console.log(line);
/** Frame time and FPS are printed with their verdicts but do not fail the run. */
const judged = new Set([
  'tensors',
  'backend MB',
  'textures',
  'JS heap MB',
  'DOM nodes',
  'worker heap MB',
  'page heap MB',
]);
const runs = values.train ?? values['fine-tunes'];
let summaries: MetricSummary[];
let failed = false;
let report: object;

if (runs !== undefined) {
  const result = await trainSoak({
    runs: positive('train', runs),
    backend,
    trainImages: positive('images', values.images),
    valImages: 2,
    epochs: positive('epochs', values.epochs),
    print,
  });
  summaries = summarize(result.samples, trainColumns);
  const leaking = result.samples.filter((s) => s.workerTensors !== s.startTensors || s.workerBytes !== s.startBytes);
  failed = leaking.length > 0;
  const times = result.samples.map((s) => s.ms);
  print('');
  print(
    leaking.length
      ? `worker memory NOT back to its start after runs ${leaking.map((s) => s.run).join(', ')}`
      : `worker memory back to its start after every one of ${result.samples.length} runs`,
  );
  print(`time per run: min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
  report = { mode: 'train', ...result, summaries };
} else {
  const result = await liveSoak({
    minutes: positive('minutes', values.minutes),
    everySeconds: positive('every', values.every),
    warmupSeconds: Number(values.warmup),
    backend,
    print,
  });
  summaries = summarize(result.samples, liveColumns);
  report = { mode: 'live', ...result, summaries };
}

printSummary(summaries, print);
const growing = summaries.filter((s) => judged.has(s.metric) && s.verdict === 'growing');
if (growing.length) print(`growing: ${growing.map((s) => s.metric).join(', ')}`);
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 1));
process.exit(failed || growing.length ? 1 : 0);
