// npm run bench:live [-- --seconds 20 --backends wasm,webgl,cpu,webgpu]
// Steady-state FPS and ms/frame of the live view per backend, with Chromium's fake camera playing a
// video made from a sample ball photo. Prints numbers; asserts nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFakeCameraVideo } from '../tests/support/fake-camera.ts';
import { startPreviewServer } from '../tests/support/preview-server.ts';
import { launchChromium } from './lib/chromium.ts';
import { ensureBuild } from './lib/harness.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    backends: { type: 'string', default: 'wasm,webgl,cpu,webgpu' },
  },
});
const seconds = Number(values.seconds);
ensureBuild();
const y4m = join(mkdtempSync(join(tmpdir(), 'tama-bench-')), 'balls.y4m');
await writeFakeCameraVideo('datasets/sample/images/s1-00001.jpg', y4m, { frames: 20, step: 2, fps: 30 });
const server = await startPreviewServer();
const browser = await launchChromium({
  args: [
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${y4m}`,
    '--use-fake-ui-for-media-stream',
  ],
});
const rows = [];
try {
  for (const backend of values.backends.split(',')) {
    const context = await browser.newContext({ permissions: ['camera'], locale: 'en-US' });
    await context.addInitScript((b) => localStorage.setItem('tama-lab:backend', b), backend);
    const page = await context.newPage();
    await page.goto(`${server.url}/detect`);
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 180_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    const overlay = page.locator('detection-overlay');
    const frames = async () => Number(await overlay.getAttribute('data-frames'));
    // Warm-up: the first frames include first-use kernel compilation.
    const warmDeadline = Date.now() + 120_000;
    while ((await frames()) < 2 && Date.now() < warmDeadline) await page.waitForTimeout(200);
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
  await browser.close();
  await server.close();
}
console.table(rows);
