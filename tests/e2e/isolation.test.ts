// End-to-end: the app is cross-origin isolated, so TF.js's WASM backend runs its threaded build with
// every core — under `vite preview` (headers from vite.config.ts) and on a static host that sends no
// headers at all, once the service worker serves the app (src/sw.ts; one reload on the first visit).
// Threads change the speed only: detections match the single-threaded build's.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchChromium, launchPersistentChromium } from '../../scripts/lib/chromium.ts';
import { useAppHosts } from '../support/app-under-test.ts';

const IMAGE = join(import.meta.dirname, '../../datasets/sample/images/s1-00001.jpg');
type Debug = { tamaDebug: { threads(): Promise<number> } };
const hosts = useAppHosts();

async function liveViewThreads(page: Page): Promise<{ isolated: boolean; threads: number; cores: number }> {
  await page.locator('[data-model-state="ready"]').waitFor({ timeout: 180_000 });
  return page.evaluate(async () => ({
    isolated: crossOriginIsolated,
    threads: await (window as unknown as Debug).tamaDebug.threads(),
    cores: navigator.hardwareConcurrency,
  }));
}

test('under vite preview the app is cross-origin isolated and WASM computes on every core', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${hosts.preview.url}/detect`);
    const { isolated, threads, cores } = await liveViewThreads(page);
    console.log(`preview: crossOriginIsolated ${isolated}, WASM threads ${threads} of ${cores} cores`);
    assert.equal(isolated, true);
    assert.equal(threads, Math.min(cores, 8));
    assert.ok(threads >= 2, 'this machine has at least 2 cores, so threads run');
  } finally {
    await browser.close();
  }
});

test('on a static host without headers the service worker makes the app isolated at the next section it opens', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'tama-lab-isolation-'));
  const context = await launchPersistentChromium(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const response = await page.goto(`${hosts.staticHost.url}/detect`);
    assert.equal(response?.headers()['cross-origin-embedder-policy'], undefined, 'the host itself sends no COEP');
    assert.equal(
      await page.evaluate(() => crossOriginIsolated),
      false,
      'a first visit from the network is not isolated',
    );
    // The page does not reload in front of the user once the worker controls it; the next section it
    // opens is a full load, which the worker serves isolated (src/shared/first-visit.ts).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 180_000 });
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'no reload in front of the user');
    await page.locator('tama-app nav a[data-route="label"]').click();
    await page.waitForURL(/\/label$/);
    await page.waitForFunction(() => crossOriginIsolated, undefined, { timeout: 60_000 });
    await page.locator('tama-app nav a[data-route="detect"]').click();
    await page.waitForURL(/\/detect$/);
    const { isolated, threads } = await liveViewThreads(page);
    console.log(`static host after the service worker took over: crossOriginIsolated ${isolated}, threads ${threads}`);
    assert.equal(isolated, true);
    assert.ok(threads >= 2);

    // A later visit is isolated from its first byte, and so are the app's workers.
    await page.goto(`${hosts.staticHost.url}/mnist`);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    const workerIsolated = await page.evaluate(async () => {
      const source = 'postMessage(crossOriginIsolated)';
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      return new Promise<boolean>((resolve) => {
        worker.onmessage = (event) => resolve(event.data as boolean);
      });
    });
    assert.equal(workerIsolated, true);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('threaded and single-threaded WASM find the same balls with the same scores', async () => {
  const browser = await launchChromium();
  try {
    const detectOn = async (origin: string) => {
      const page = await browser.newPage();
      await page.goto(`${origin}/harness.html`);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
      const url = `${origin}/__local/image.jpg`;
      await page.route(url, (route) => route.fulfill({ path: IMAGE }));
      const load = await page.evaluate(() => window.tama.loadDetector({ backend: 'wasm' }));
      const { detections } = await page.evaluate((u) => window.tama.detectUrl(u, { threshold: 0.1 }), url);
      await page.close();
      return { threads: load.threads, detections };
    };
    // The harness is never served by the service worker: on the static host it is not isolated.
    const threaded = await detectOn(hosts.preview.url);
    const single = await detectOn(hosts.staticHost.url);
    console.log(`threads ${threaded.threads} vs ${single.threads}: ${threaded.detections.length} boxes`);
    assert.ok(threaded.threads >= 2);
    assert.equal(single.threads, 1);
    assert.ok(threaded.detections.length > 0);
    assert.equal(threaded.detections.length, single.detections.length);
    threaded.detections.forEach((detection, i) => {
      const other = single.detections[i];
      assert.ok(other);
      assert.ok(Math.abs(detection.score - other.score) < 1e-4, `score ${detection.score} vs ${other.score}`);
      for (const [k, value] of detection.box.entries()) assert.ok(Math.abs(value - (other.box[k] ?? 0)) < 0.05);
    });
  } finally {
    await browser.close();
  }
});
