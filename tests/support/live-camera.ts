// A Chromium whose fake camera shows one of the sample photos, and the live view's frame counter: for
// end-to-end tests that need the live view running while something else happens to the app.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { writeFakeCameraVideo } from './fake-camera.ts';

const root = join(import.meta.dirname, '../..');

/** A still picture of balls (s1-00001.jpg, not panned) as the camera; camera permission asks nobody. */
export async function launchWithFakeCamera(): Promise<Browser> {
  const y4m = join(mkdtempSync(join(tmpdir(), 'tama-camera-')), 'balls.y4m');
  await writeFakeCameraVideo(join(root, 'datasets/sample/images/s1-00001.jpg'), y4m, { frames: 4, step: 0 });
  return launchChromium({
    args: [
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
      '--use-fake-ui-for-media-stream',
    ],
  });
}

/** A number the live view's overlay shows: 'data-frames' (frames detected) or 'data-count' (balls now). */
export async function overlayNumber(page: Page, attribute: 'data-frames' | 'data-count'): Promise<number> {
  return Number(await page.locator('detection-overlay').getAttribute(attribute));
}

/** Waits until the overlay's `attribute` reaches `atLeast`. */
export async function waitForOverlay(
  page: Page,
  attribute: 'data-frames' | 'data-count',
  atLeast: number,
  timeout: number,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await overlayNumber(page, attribute);
    if (value >= atLeast) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms: ${attribute} ${value} < ${atLeast}`);
    await page.waitForTimeout(250);
  }
}
