// A new deployment while the live view runs or a photo is being labeled: the page must never reload by
// itself. "Update available" waits for the user's tap, even when another tab of the app has already
// switched to the new version (which takes control of this page too); only the tap reloads.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchWithFakeCamera, overlayNumber, waitForOverlay } from '../support/live-camera.ts';
import { distDir, type PreviewServer, startPreviewServer } from '../support/preview-server.ts';
import { samplePhoto } from '../support/sample-photo.ts';

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

/** Something the user is in the middle of, and how to tell, a few seconds later, that it carried on. */
interface Work {
  path: string;
  start(page: Page): Promise<void>;
  carriesOn(page: Page): Promise<() => Promise<boolean>>;
}

const liveView: Work = {
  path: '/detect',
  async start(page) {
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    await waitForOverlay(page, 'data-frames', 3, 60_000);
  },
  async carriesOn(page) {
    const before = await overlayNumber(page, 'data-frames');
    return async () => (await overlayNumber(page, 'data-frames')) > before;
  },
};

const labeling: Work = {
  path: '/label',
  async start(page) {
    await page.locator('input[data-import]').setInputFiles([samplePhoto('s1-00001.jpg')]);
    await page.locator('[data-dataset-count="1"]').waitFor({ timeout: 30_000 });
    // On a wide screen the editor sits beside the gallery, with the first unlabeled photo in it.
    await page.locator('label-editor').waitFor();
  },
  async carriesOn(page) {
    return async () => (await page.locator('label-editor').count()) === 1;
  },
};

async function assertNotReloaded(page: Page, work: Work, navigations: () => number, what: string) {
  const carriedOn = await work.carriesOn(page);
  await page.waitForTimeout(4000);
  assert.equal(navigations(), 0, `${what}: the page did not reload`);
  assert.equal(await page.evaluate(() => (window as { tamaMarker?: string }).tamaMarker), 'still here', what);
  assert.ok(await carriedOn(), `${what}: the work carried on`);
}

async function updateWaitsForTap(work: Work) {
  const context = await browser.newContext({ locale: 'en-US', permissions: ['camera'] });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}${work.path}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The second visit is the one the service worker controls; only then does an update have to wait.
    await page.reload();
    await work.start(page);
    await page.evaluate(() => Object.assign(window, { tamaMarker: 'still here' }));
    const navigations = countNavigations(page);

    appendFileSync(join(copy, 'sw.js'), `\n// next deployment ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByRole('status').getByText('Update available').waitFor({ timeout: 60_000 });
    await assertNotReloaded(page, work, navigations, 'update found');

    // Another tab takes the update: the new worker now controls this page as well.
    const other = await context.newPage();
    await other.goto(`${server.url}/about`);
    await other.getByRole('status').getByText('Update available').waitFor({ timeout: 60_000 });
    await Promise.all([other.waitForEvent('load'), other.getByRole('button', { name: 'Reload' }).click()]);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
      timeout: 30_000,
    });
    await assertNotReloaded(page, work, navigations, 'another tab switched');
    await page.getByRole('status').getByText('Update available').waitFor();

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
    assert.equal(navigations(), 1, 'the tap reloaded the page');
    assert.equal(await page.evaluate(() => (window as { tamaMarker?: string }).tamaMarker), undefined);
    const waiting = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
    assert.equal(waiting, false, 'the page runs the new version');
  } finally {
    await context.close();
  }
}

test('an update during the live view waits for the tap, also when another tab switched to it', () =>
  updateWaitsForTap(liveView));

test('an update while a photo is open in the label editor waits for the tap, also when another tab switched', () =>
  updateWaitsForTap(labeling));
