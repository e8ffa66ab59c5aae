// A GPU lost in the middle of the live view, for real: TF.js's own WebGL context lost through
// WEBGL_lose_context, its WebGPU device destroyed. The app must say so in one line (Japanese here), move
// to the next backend for this visit, keep the camera stream it had and keep boxing the balls; the
// user's saved backend stays as it was. No uncaught error on the way.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchWithFakeCamera, overlayNumber, waitForOverlay } from '../support/live-camera.ts';
import { type PreviewServer, startPreviewServer } from '../support/preview-server.ts';

let server: PreviewServer;
let browser: Browser;

before(async () => {
  server = await startPreviewServer();
  browser = await launchWithFakeCamera();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

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
    await waitForOverlay(page, 'data-frames', framesBefore, modelTimeout);
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
    await waitForOverlay(page, 'data-frames', framesAtRecovery + 10, 60_000);
    await waitForOverlay(page, 'data-count', 1, 30_000);
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
