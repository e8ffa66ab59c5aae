// The live view for benchmarks and the soak: the built app served, and Chromium with a fake camera
// playing one of the sample ball photos panned a little each frame (30 fps).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { writeFakeCameraVideo } from '../../tests/support/fake-camera.ts';
import { type PreviewServer, startPreviewServer } from '../../tests/support/preview-server.ts';
import { launchChromium } from './chromium.ts';
import { ensureBuild } from './harness.ts';

export interface FakeCameraApp {
  server: PreviewServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function openFakeCameraApp(): Promise<FakeCameraApp> {
  ensureBuild();
  const y4m = join(mkdtempSync(join(tmpdir(), 'tama-live-')), 'balls.y4m');
  await writeFakeCameraVideo('datasets/sample/images/s1-00001.jpg', y4m, { frames: 20, step: 2, fps: 30 });
  const server = await startPreviewServer();
  const browser = await launchChromium({
    args: [
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
      '--use-fake-ui-for-media-stream',
    ],
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface LiveView {
  context: BrowserContext;
  page: Page;
  overlay: Locator;
  /** Frames detected so far (the overlay's `data-frames`). */
  frames(): Promise<number>;
  /** Errors the page reported since it opened. */
  errors: string[];
}

/**
 * A fresh context on the Detect page with `backend`, the camera started and its first two frames
 * detected, so first-use kernel compilation is behind.
 */
export async function startLiveView(app: FakeCameraApp, backend: string): Promise<LiveView> {
  const context = await app.browser.newContext({ permissions: ['camera'], locale: 'en-US' });
  await context.addInitScript((b) => localStorage.setItem('tama-lab:backend', b), backend);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${app.server.url}/detect`);
  await page.locator('[data-model-state="ready"]').waitFor({ timeout: 180_000 });
  await page.getByRole('button', { name: 'Start camera' }).click();
  const overlay = page.locator('detection-overlay');
  const frames = async () => Number(await overlay.getAttribute('data-frames'));
  const warmDeadline = Date.now() + 120_000;
  while ((await frames()) < 2 && Date.now() < warmDeadline) await page.waitForTimeout(200);
  return { context, page, overlay, frames, errors };
}
