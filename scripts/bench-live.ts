// npm run bench:live [-- --seconds 20 --backends wasm,webgl,cpu,webgpu]
// Steady-state FPS and ms/frame of the live view per backend, with Chromium's fake camera playing a
// video made from a sample ball photo. Prints numbers; asserts nothing.
import { parseArgs } from 'node:util';
import { openFakeCameraApp, startLiveView } from './lib/live-view.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    backends: { type: 'string', default: 'wasm,webgl,cpu,webgpu' },
  },
});
const seconds = Number(values.seconds);
const app = await openFakeCameraApp();
const rows = [];
try {
  for (const backend of values.backends.split(',')) {
    const { context, overlay, frames, page } = await startLiveView(app, backend);
    const startFrames = await frames();
    const started = Date.now();
    await page.waitForTimeout(seconds * 1000);
    const counted = (await frames()) - startFrames;
    const elapsed = (Date.now() - started) / 1000;
    const row = {
      backend,
      fps: Math.round((counted / elapsed) * 10) / 10,
      msPerFrame: Number(await overlay.getAttribute('data-ms')),
      frames: counted,
      balls: Number(await overlay.getAttribute('data-count')),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    await context.close();
  }
} finally {
  await app.close();
}
console.table(rows);
