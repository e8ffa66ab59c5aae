// "Reload" on "Update available" reloads into the new version whatever the tabs are doing: while another
// tab keeps the old version busy (the wait is explained), and while this tab is still starting its TF.js
// backend and fetching its model (the handover waits for those: src/shared/page-loads.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { startCountingServer } from '../support/counting-server.ts';
import { watchServiceWorkers } from '../support/service-worker-log.ts';
import { countNavigations, useDeploymentCopy, waitUntil, withTimeout } from '../support/update-steps.ts';

const app = useDeploymentCopy(launchChromium);

// A stuck service worker must fail a test, not hang the suite.
const TEST_TIMEOUT = { timeout: 180_000 };

test(
  'Reload while another tab keeps the old version busy: the wait is explained, then the page reloads into the new version',
  TEST_TIMEOUT,
  async () => {
    // The browser activates a waiting version only once the old one has no fetch in flight for any tab.
    // A download another tab started (held here by the host) keeps it busy; the tap must not go unanswered.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    const host = await startCountingServer(app.copy, {
      hold: (path) => (holding && path.startsWith('/datasets/') ? held : undefined),
    });
    const context = await app.browser.newContext({ locale: 'ja-JP' });
    try {
      const busy = await context.newPage();
      await busy.goto(`${host.url}/about`);
      await waitUntil(() => busy.evaluate(() => !!navigator.serviceWorker.controller).catch(() => false));

      app.publishNext();
      await withTimeout(
        busy.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update()),
        45_000,
        'registration.update()',
      );
      holding = true;
      // A cache-on-first-use download through the old version, which the host does not answer yet.
      await busy.evaluate(() => {
        void fetch('/datasets/sample.zip');
      });

      const page = await context.newPage();
      const workers = await watchServiceWorkers(page);
      await page.goto(`${host.url}/label`);
      const navigations = countNavigations(page);
      await page.getByRole('status').getByText('新しいバージョンがあります').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: '再読み込み' }).click();
      const explained = page.getByRole('status').getByText('ほかのたまラボのタブが読み込みを終えると');
      await explained.waitFor({ timeout: 10_000 }).catch((error: Error) => {
        throw new Error(`${error.message}\n${workers.lines().join('\n')}`);
      });
      assert.equal(navigations(), 0, 'nothing to reload into yet: the old version still serves the download');

      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), release()]);
      await page.waitForFunction(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return !registration?.waiting && navigator.serviceWorker.controller?.state === 'activated';
      });
      assert.ok(navigations() >= 1, 'the page reloaded by itself once the old version was free');
      await workers.stop();
    } finally {
      release();
      await context.close();
      await host.close();
    }
  },
);

test(
  'Reload tapped while the tab is still starting its TF.js backend: the handover waits for it, then reloads',
  TEST_TIMEOUT,
  async () => {
    const context = await app.browser.newContext({ locale: 'en-US' });
    try {
      // An idle tab keeps the old version in use, so the new one waits for a tap.
      const idle = await context.newPage();
      await idle.goto(`${app.server.url}/about`);
      await idle.evaluate(() => navigator.serviceWorker.ready);
      await idle.reload();
      app.publishNext();
      await withTimeout(
        idle.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          await registration?.update();
          while (registration && !registration.waiting) await new Promise((resolve) => setTimeout(resolve, 100));
        }),
        60_000,
        'the new version installed',
      );

      // A tab of the live view, tapped the moment "Update available" shows; on a loaded machine the
      // backend is sometimes up before the offer, and that tab is closed for a fresh one.
      let page: Page | undefined;
      let atTap = '';
      let loaded: Promise<unknown> = Promise.resolve();
      for (let attempt = 1; attempt <= 5 && atTap !== 'selecting'; attempt++) {
        await page?.close();
        page = await context.newPage();
        ({ atTap, loaded } = await tapReloadWhileStarting(page));
      }
      assert.ok(page);
      assert.equal(atTap, 'selecting', 'the tap came while the backend was starting (else this test tests nothing)');
      const workers = await watchServiceWorkers(page);
      // Which of the page's own files were in flight after the tap, printed if the reload never comes.
      const tap = Date.now();
      const since = () => `+${Date.now() - tap} ms`;
      page.on('request', (request) => workers.note(`${since()} fetch ${new URL(request.url()).pathname}`));
      page.on('requestfinished', (request) => workers.note(`${since()} done ${new URL(request.url()).pathname}`));
      await loaded.catch((error: Error) => {
        throw new Error(`${error.message}\n${workers.lines().join('\n')}`);
      });
      await workers.stop();
      assert.equal(await page.evaluate(() => sessionStorage.getItem('backend-at-handover')), 'ready');
      const waiting = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
      assert.equal(waiting, false, 'the page runs the new version');
    } finally {
      await context.close();
    }
  },
);

/**
 * Opens the live view with the handover's moment recorded, waits for "Update available" and taps Reload
 * in the same task as it reads the backend chip; gives what the chip said then.
 */
async function tapReloadWhileStarting(page: Page): Promise<{ atTap: string; loaded: Promise<unknown> }> {
  // What the backend chip said when the new version took over, kept across the reload.
  await page.addInitScript(() => {
    navigator.serviceWorker?.addEventListener('controllerchange', () => {
      const chip = document.querySelector('tama-app')?.shadowRoot?.querySelector('backend-chip');
      sessionStorage.setItem('backend-at-handover', chip?.getAttribute('data-status') ?? 'none');
    });
  });
  await page.goto(`${app.server.url}/detect`);
  await page.getByRole('status').getByText('Update available').waitFor({ timeout: 60_000 });
  const loaded = page.waitForEvent('load', { timeout: 45_000 });
  // A tab given up on closes with this still waiting.
  loaded.catch(() => {});
  const atTap = await page.evaluate(() => {
    const app = document.querySelector('tama-app')?.shadowRoot;
    const status = app?.querySelector('backend-chip')?.getAttribute('data-status') ?? 'none';
    if (status !== 'selecting') return status;
    const reload = app?.querySelector('toast-host')?.shadowRoot?.querySelector<HTMLButtonElement>('button.action');
    if (!reload) throw new Error('no Reload button in the toast');
    reload.click();
    return status;
  });
  return { atTap, loaded };
}
