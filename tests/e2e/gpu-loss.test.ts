// A GPU lost in the middle of the live view, for real: TF.js's own WebGL context lost through
// WEBGL_lose_context, its WebGPU device destroyed. The app must say so in one line (Japanese here), move
// to the next backend for this visit, keep the camera stream it had and keep boxing the balls; the
// user's saved backend stays as it was. No uncaught error on the way.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { writeFakeCameraVideo } from '../support/fake-camera.ts';
import { type PreviewServer, startPreviewServer } from '../support/preview-server.ts';

const root = join(import.meta.dirname, '../..');

let server: PreviewServer;
let browser: Browser;

before(async () => {
  const y4m = join(mkdtempSync(join(tmpdir(), 'tama-camera-')), 'balls.y4m');
  await writeFakeCameraVideo(join(root, 'datasets/sample/images/s1-00001.jpg'), y4m, { frames: 4, step: 0 });
  server = await startPreviewServer();
  browser = await launchChromium({
    args: [
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
      '--use-fake-ui-for-media-stream',
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const overlayNumber = async (page: Page, attribute: string) =>
  Number(await page.locator('detection-overlay').getAttribute(attribute));

async function waitFor(what: string, condition: () => Promise<boolean>, timeout: number) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Tags the camera's stream, so the test can tell it is the same one afterwards (not a restarted camera). */
function tagStream(page: Page) {
  return page.evaluate(() => {
    const video = document
      .querySelector('tama-app')
      ?.shadowRoot?.querySelector('detect-page')
      ?.shadowRoot?.querySelector('camera-view')
      ?.shadowRoot?.querySelector('video');
    const stream = video?.srcObject as (MediaStream & { tamaTag?: string }) | null | undefined;
    if (!stream) return 'no stream';
    stream.tamaTag ??= crypto.randomUUID();
    const live = stream.getVideoTracks().every((track) => track.readyState === 'live');
    return `${stream.tamaTag}:${live ? 'live' : 'ended'}`;
  });
}

async function liveThroughLoss(lost: 'webgl' | 'webgpu', framesBefore: number, modelTimeout: number) {
  const context = await browser.newContext({
    locale: 'ja-JP',
    permissions: ['camera'],
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${server.url}/detect`);
    await page.locator('backend-chip[data-status="ready"]').waitFor({ timeout: 60_000 });
    await page.locator('backend-chip select').selectOption(lost);
    await page.locator(`[data-model-state="ready"][data-backend="${lost}"]`).waitFor({ timeout: modelTimeout });
    await page.getByRole('button', { name: 'カメラを起動' }).click();
    await waitFor(
      `${framesBefore} frames with balls on ${lost}`,
      async () => {
        return (await overlayNumber(page, 'data-frames')) >= framesBefore;
      },
      modelTimeout,
    );
    const stream = await tagStream(page);
    assert.match(stream, /:live$/);

    const hit = await page.evaluate(() =>
      (window as unknown as { tamaDebug: { loseBackend(): Promise<string | undefined> } }).tamaDebug.loseBackend(),
    );
    assert.equal(hit, lost);
    const lostAt = Date.now();
    await page
      .getByRole('status')
      .getByText(`グラフィックス (${lost.toUpperCase()}) が止まったので、WASM で続けます。`)
      .waitFor({ timeout: 30_000 });
    const toldMs = Date.now() - lostAt;
    await page.locator('[data-model-state="ready"][data-backend="wasm"]').waitFor({ timeout: 60_000 });
    const readyMs = Date.now() - lostAt;
    const framesAtRecovery = await overlayNumber(page, 'data-frames');
    await waitFor(
      '10 more frames on WASM',
      async () => {
        const frames = await overlayNumber(page, 'data-frames');
        return frames >= framesAtRecovery + 10;
      },
      60_000,
    );
    await waitFor('a ball boxed on WASM', async () => (await overlayNumber(page, 'data-count')) >= 1, 30_000);
    const recoveredMs = Date.now() - lostAt;

    assert.equal(await tagStream(page), stream, 'the camera stream was not restarted');
    assert.equal(await page.locator('backend-chip').getAttribute('data-backend'), 'wasm');
    assert.equal(await page.locator('backend-chip select').inputValue(), lost, 'the chip keeps the saved choice');
    const saved = await page.evaluate(() => localStorage.getItem('tama-lab:v1:backend'));
    assert.equal(saved, JSON.stringify(lost), 'the saved preference is unchanged');
    assert.equal(await page.locator('detect-page [role="alert"]').count(), 0, 'no error shown');
    assert.deepEqual(errors, []);
    console.log(
      `gpu loss (${lost}): told after ${toldMs} ms, model ready on WASM after ${readyMs} ms, 10 frames after ${recoveredMs} ms`,
    );
  } finally {
    await context.close();
  }
}

describe('GPU loss in the live view', () => {
  test('WebGL context lost: the live view carries on on WASM with the same camera stream', async () => {
    await liveThroughLoss('webgl', 5, 120_000);
  });

  // SwiftShader's WebGPU takes seconds per frame here: two frames prove the live view ran on it.
  test('WebGPU device destroyed: the live view carries on on WASM with the same camera stream', async () => {
    await liveThroughLoss('webgpu', 2, 240_000);
  });
});
