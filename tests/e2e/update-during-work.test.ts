// A new deployment while the live view runs or a photo is being labeled: the page must never reload by
// itself. "Update available" waits for the user's tap, even when another tab of the app has already
// switched to the new version (which takes control of this page too); only the tap reloads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithFakeCamera, overlayNumber, waitForOverlay } from '../support/live-camera.ts';
import { samplePhoto } from '../support/sample-photo.ts';
import { type ServiceWorkerLog, watchServiceWorkers } from '../support/service-worker-log.ts';
import { countNavigations, useDeploymentCopy, waitUntil, withTimeout } from '../support/update-steps.ts';

const app = useDeploymentCopy(launchWithFakeCamera);

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
  // A reload would start straight from the event the page just handled; the work going on for at least
  // a second (frames still counted, the editor still open) shows that none came.
  const carriedOn = await work.carriesOn(page);
  const since = Date.now();
  await waitUntil(async () => Date.now() - since >= 1000 && (await carriedOn()), 30_000);
  assert.equal(navigations(), 0, `${what}: the page did not reload`);
  assert.equal(await page.evaluate(() => (window as { tamaMarker?: string }).tamaMarker), 'still here', what);
}

async function updateWaitsForTap(work: Work) {
  const context = await app.browser.newContext({ locale: 'en-US', permissions: ['camera'] });
  try {
    const page = await context.newPage();
    // Every service-worker version's life and every step of the test, printed if anything below fails.
    const log = await watchServiceWorkers(page);
    try {
      await runUpdateScenario(context, page, work, stepper(log));
    } catch (error) {
      throw new Error(`${(error as Error).message}\nservice workers and steps:\n${log.lines().join('\n')}`);
    }
  } finally {
    await context.close();
  }
}

type Step = <T>(what: string, run: () => Promise<T>, ms?: number) => Promise<T>;

/** Each step of the scenario gets its own deadline and a line in the log, so a hang names its step. */
function stepper(log: ServiceWorkerLog): Step {
  return async (what, run, ms = 60_000) => {
    log.note(`step: ${what}`);
    return withTimeout(run(), ms, what);
  };
}

async function runUpdateScenario(context: BrowserContext, page: Page, work: Work, step: Step) {
  await step('first visit', async () => {
    await page.goto(`${app.server.url}${work.path}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
  });
  // The second visit is the one the service worker controls; only then does an update have to wait.
  await step('controlled visit', () => page.reload());
  await step('start the work', () => work.start(page), 90_000);
  await page.evaluate(() => Object.assign(window, { tamaMarker: 'still here' }));
  const navigations = countNavigations(page);

  app.publishNext();
  // The browser looks for updates when any tab of the app navigates. (update() called from the live
  // view's own page took 59 s to find the new worker here, 2–4 s from an idle tab.)
  const checker = await context.newPage();
  await step('checker tab looks for the update', async () => {
    await checker.goto(`${app.server.url}/about`);
    await checker.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await checker.close();
  });
  await step('"Update available" shown', () =>
    page.getByRole('status').getByText('Update available').waitFor({ timeout: 60_000 }),
  );
  await step('no reload on update found', () => assertNotReloaded(page, work, navigations, 'update found'));

  // Another tab takes the update: the new worker now controls this page as well.
  const other = await context.newPage();
  await step('other tab offers the update', async () => {
    await other.goto(`${app.server.url}/about`);
    await other.getByRole('status').getByText('Update available').waitFor({ timeout: 60_000 });
  });
  const workers = await watchServiceWorkers(other);
  other.on('console', (message) => workers.note(`console: ${message.text()}`));
  try {
    await step('other tab reloads on the tap', () =>
      Promise.all([other.waitForEvent('load'), other.getByRole('button', { name: 'Reload' }).click()]),
    );
  } catch (error) {
    const state = await withTimeout(otherTabState(other), 10_000, 'reading the other tab').catch(String);
    throw new Error(`${(error as Error).message}\nother tab: ${state}\n${workers.lines().join('\n')}`);
  }
  await workers.stop();
  await step('the new version controls the working page', () =>
    page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
      timeout: 30_000,
    }),
  );
  await step('no reload after another tab switched', () =>
    assertNotReloaded(page, work, navigations, 'another tab switched'),
  );
  await step('"Update available" still offered', () =>
    page.getByRole('status').getByText('Update available').waitFor(),
  );

  await step('the tap reloads the working page', () =>
    Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]),
  );
  assert.equal(navigations(), 1, 'the tap reloaded the page');
  assert.equal(await page.evaluate(() => (window as { tamaMarker?: string }).tamaMarker), undefined);
  const waiting = await step('read the registration', () =>
    page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting),
  );
  assert.equal(waiting, false, 'the page runs the new version');
}

function otherTabState(other: Page): Promise<string> {
  return other.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return JSON.stringify({
      controller: navigator.serviceWorker.controller?.state,
      installing: registration?.installing?.state,
      waiting: registration?.waiting?.state,
      active: registration?.active?.state,
      toast: document.querySelector('toast-host')?.shadowRoot?.textContent,
    });
  });
}

// A stuck service worker must fail a test, not hang the suite.
const TEST_TIMEOUT = { timeout: 180_000 };

test('an update during the live view waits for the tap, also when another tab switched to it', TEST_TIMEOUT, () =>
  updateWaitsForTap(liveView),
);

test(
  'an update while a photo is open in the label editor waits for the tap, also when another tab switched',
  TEST_TIMEOUT,
  () => updateWaitsForTap(labeling),
);
