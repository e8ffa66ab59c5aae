// npm run bench:detect [-- --runs 10 --backends wasm,webgl,cpu,webgpu --image FILE --skip-train]
// Prints, per backend: time to first detection, our median ms/frame, stock coco-ssd's median
// detect() ms/frame on the same weights and image, the ratio, and one training step of the heads.
// It runs the /bench page's own benchmark (src/features/bench/detector-bench.ts) through the harness.
// Numbers only; nothing is asserted.
import { parseArgs } from 'node:util';
import { BACKENDS, type BackendName } from '../src/shared/backend/backends.ts';
import { openHarness } from './lib/harness.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    backends: { type: 'string', default: BACKENDS.join(',') },
    image: { type: 'string', default: 'datasets/sample/images/s1-00001.jpg' },
    'skip-train': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));
const backends = values.backends.split(',') as BackendName[];

const rows: Record<string, string | number | boolean>[] = [];
for (const backend of backends) {
  // A fresh browser per backend: GPU state left by one backend must not slow or break the next.
  const harness = await openHarness();
  try {
    const url = await harness.serveFile(values.image);
    // CPU and GPUs emulated in software (SwiftShader here) run 3 frames: they take seconds per frame.
    const outcome = await harness.page.evaluate(
      ([b, u, n, train]) => window.tama.benchBackend(b, u, { runs: n, stock: true, train }),
      [backend, url, runs, !values['skip-train']] as const,
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
