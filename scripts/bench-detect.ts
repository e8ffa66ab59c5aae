// npm run bench:detect [-- --runs 10 --backends wasm,webgl,cpu,webgpu --image FILE]
// Prints, per backend: time to first detection, our median ms/frame, stock coco-ssd's median
// detect() ms/frame on the same weights and image, and the ratio. Numbers only; nothing is asserted.
import { parseArgs } from 'node:util';
import { BACKENDS, type BackendName } from '../src/shared/backend/backends.ts';
import { openHarness } from './lib/harness.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    backends: { type: 'string', default: BACKENDS.join(',') },
    image: { type: 'string', default: 'datasets/sample/images/s1-00001.jpg' },
  },
});
const runs = Math.max(1, Number(values.runs));
const backends = values.backends.split(',') as BackendName[];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const rows: Record<string, string | number>[] = [];
for (const backend of backends) {
  // A fresh browser per backend: GPU state left by one backend must not slow or break the next.
  const harness = await openHarness();
  try {
    const url = await harness.serveFile(values.image);
    // WebGPU on SwiftShader runs a frame in seconds: fewer runs keep the benchmark finite there.
    const n = backend === 'webgpu' || backend === 'cpu' ? Math.min(runs, 3) : runs;
    const started = Date.now();
    const load = await harness.page.evaluate((b) => window.tama.loadDetector({ backend: b }), backend);
    const first = await harness.page.evaluate((u) => window.tama.detectUrl(u, {}), url);
    const firstDetectionMs = Date.now() - started;
    const ours: number[] = [];
    for (let i = 0; i < n; i++) ours.push((await harness.page.evaluate((u) => window.tama.detectUrl(u, {}), url)).ms);
    await harness.page.evaluate(() => window.tama.disposeAll());

    const stockLoad = await harness.page.evaluate((b) => window.tama.loadStock(b), backend);
    const stockFirst = await harness.page.evaluate((u) => window.tama.stockDetectUrl(u), url);
    const stock: number[] = [];
    for (let i = 0; i < n; i++) stock.push((await harness.page.evaluate((u) => window.tama.stockDetectUrl(u), url)).ms);
    await harness.page.evaluate(() => window.tama.disposeAll());

    if (load.backend !== backend || stockLoad.backend !== backend) {
      console.error(
        `bench: ${backend} did not start (ours ran on ${load.backend}, stock on ${stockLoad.backend}); skipped`,
      );
      continue;
    }
    const row = {
      backend: load.backend,
      runs: n,
      loadMs: Math.round(load.loadMs),
      firstDetectionMs,
      oursMs: Math.round(median(ours)),
      oursBoxes: first.detections.length,
      stockLoadMs: Math.round(stockLoad.loadMs),
      stockMs: Math.round(median(stock)),
      stockBoxes: stockFirst.detections,
      ratio: Math.round((median(ours) / median(stock)) * 100) / 100,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  } finally {
    await harness.close();
  }
}
console.table(rows);
