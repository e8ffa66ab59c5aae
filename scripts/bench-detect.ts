// npm run bench:detect [-- --runs 10 --backends wasm,webgl,cpu,webgpu --image FILE --skip-train --stock pristine|bundled]
// Prints, per backend: time to first detection, our median ms/frame, stock coco-ssd's median
// detect() ms/frame on the same image, the ratio, and one training step of the heads. Stock runs the
// untouched COCO-SSD graph from the npm tarball (models-cache/), exactly what the package downloads;
// `--stock bundled` gives it the app's own fused float16 copy instead.
// It runs the /bench page's own benchmark (src/features/bench/detector-bench.ts) through the harness.
// Numbers only; nothing is asserted.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKENDS, type BackendName } from '../src/shared/backend/backends.ts';
import { type Harness, openHarness } from './lib/harness.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    backends: { type: 'string', default: BACKENDS.join(',') },
    image: { type: 'string', default: 'datasets/sample/images/s1-00001.jpg' },
    'skip-train': { type: 'boolean', default: false },
    stock: { type: 'string', default: 'pristine' },
  },
});
const runs = Math.max(1, Number(values.runs));
if (!['pristine', 'bundled'].includes(values.stock)) throw new Error('--stock must be pristine or bundled');

/** The COCO-SSD graph as the npm tarball holds it (scripts/fetch-assets.mjs keeps it in models-cache/). */
async function servePristineGraph(harness: Harness): Promise<string> {
  const folder = join(import.meta.dirname, '../models-cache/coco-ssd');
  const base = `${harness.url}/__pristine`;
  await harness.page.route(`${base}/*`, (route) =>
    route.fulfill({ path: join(folder, new URL(route.request().url()).pathname.split('/').pop() ?? '') }),
  );
  return `${base}/model.json`;
}
const backends = values.backends.split(',') as BackendName[];

const rows: Record<string, string | number | boolean>[] = [];
for (const backend of backends) {
  // A fresh browser per backend: GPU state left by one backend must not slow or break the next.
  const harness = await openHarness();
  try {
    const url = await harness.serveFile(values.image);
    const stockModelUrl = values.stock === 'bundled' ? undefined : await servePristineGraph(harness);
    // CPU and GPUs emulated in software (SwiftShader here) run 3 frames: they take seconds per frame.
    const outcome = await harness.page.evaluate(
      ([b, u, n, train, stockUrl]) =>
        window.tama.benchBackend(b, u, {
          runs: n,
          stock: true,
          train,
          ...(stockUrl ? { stockModelUrl: stockUrl } : {}),
        }),
      [backend, url, runs, !values['skip-train'], stockModelUrl] as const,
    );
    if (!outcome.ok) {
      console.error(`bench: ${backend} did not start (${outcome.reason}); skipped`);
      continue;
    }
    const { result } = outcome;
    // The keys of the first versions first, in their order; what came later after them.
    const row = {
      backend: result.backend,
      runs: result.runs,
      loadMs: result.loadMs,
      firstDetectionMs: result.firstDetectionMs,
      oursMs: result.oursMs,
      oursBoxes: result.oursBoxes,
      stockLoadMs: result.stockLoadMs ?? 0,
      stockMs: result.stockMs ?? 0,
      stockBoxes: result.stockBoxes ?? 0,
      ratio: result.ratio ?? 0,
      fps: result.fps,
      ...(result.software ? { software: true } : {}),
      ...(result.trainStepMs === undefined
        ? {}
        : {
            trainBatch: result.trainBatch ?? 0,
            trainFirstStepMs: result.trainFirstStepMs ?? 0,
            trainStepMs: result.trainStepMs,
          }),
      ...(result.trainError ? { trainError: result.trainError } : {}),
      ...(result.stockError ? { stockError: result.stockError } : {}),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  } finally {
    await harness.close();
  }
}
console.table(rows);
