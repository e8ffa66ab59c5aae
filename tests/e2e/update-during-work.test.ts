// A new deployment while the live view runs: the page must never reload by itself. "Update available"
// waits for the user's tap, even when another tab of the app has already switched to the new version
// (which takes control of this page too); only the tap reloads.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchWithFakeCamera, overlayNumber, waitForOverlay } from '../support/live-camera.ts';
import { distDir, type PreviewServer, startPreviewServer } from '../support/preview-server.ts';

let copy: string;
let server: PreviewServer;
let browser: Browser;

before(async () => {
  // A private copy of the build, so the test can publish the next deployment into the folder it serves.
  copy = mkdtempSync(join(tmpdir(), 'tama-lab-dist-'));
  cpSync(distDir, copy, { recursive: true });
  server = await startPreviewServer(copy);
  browser = await launchWithFakeCamera();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(copy, { recursive: true, force: true });
});

/** Counts the page's own navigations (reloads) from now on. */
function countNavigations(page: Page): () => number {
  let count = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) count++;
  });
  return () => count;
}

async function assertStillLive(page: Page, navigations: () => number, what: string) {
  const before = await overlayNumber(page, 'data-frames');
  await page.waitForTimeout(4000);
  assert.equal(navigations(), 0, `${what}: the page did not reload`);
  assert.equal(await page.evaluate(() => (window as { tamaMarker?: string }).tamaMarker), 'still here', what);
  assert.ok((await overlayNumber(page, 'data-frames')) > before, `${what}: the live view kept detecting`);
}

test('an update during the live view waits for the tap, also when another tab switched to it', async () => {
  const context = await browser.newContext({ locale: 'en-US', permissions: ['camera'] });
  try {
    const live = await context.newPage();
    await live.goto(`${server.url}/detect`);
    await live.evaluate(() => navigator.serviceWorker.ready);
    // The second visit is the one the service worker controls; only then does an update have to wait.
    await live.reload();
    await live.locator('[data-model-state="ready"]').waitFor({ timeout: 60_000 });
    await live.getByRole('button', { name: 'Start camera' }).click();
    await waitForOverlay(live, 'data-frames', 3, 60_000);
    await live.evaluate(() => Object.assign(window, { tamaMarker: 'still here' }));
    const navigations = countNavigations(live);

    appendFileSync(join(copy, 'sw.js'), '\n// next deployment\n');
    await live.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await live.getByRole('status').getByText('Update available').waitFor({ timeout: 60_000 });
    await assertStillLive(live, navigations, 'update found');

    // Another tab takes the update: the new worker now controls the live page as well.
    const other = await context.newPage();
    await other.goto(`${server.url}/about`);
    await other.getByRole('status').getByText('Update available').waitFor({ timeout: 60_000 });
    await Promise.all([other.waitForEvent('load'), other.getByRole('button', { name: 'Reload' }).click()]);
    await live.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
      timeout: 30_000,
    });
    await assertStillLive(live, navigations, 'another tab switched');
    await live.getByRole('status').getByText('Update available').waitFor();

    await Promise.all([live.waitForEvent('load'), live.getByRole('button', { name: 'Reload' }).click()]);
    assert.equal(navigations(), 1, 'the tap reloaded the page');
    assert.equal(await live.evaluate(() => (window as { tamaMarker?: string }).tamaMarker), undefined);
    const waiting = await live.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
    assert.equal(waiting, false, 'the page runs the new version');
  } finally {
    await context.close();
  }
});
