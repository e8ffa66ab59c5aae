// End-to-end: what a phone downloads on its first visit, measured at the server like a static host
// (GitHub Pages) would serve it, page and service worker together. The Detect page stays within 12 MB
// with nothing downloaded twice; MNIST and the sample photos come on first use, then work offline.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchPersistentChromium } from '../../scripts/lib/chromium.ts';
import { precachedFiles } from '../../scripts/lib/precache.ts';
import { type CountingServer, startCountingServer } from '../support/counting-server.ts';
import { startCpuLoad } from '../support/cpu-load.ts';
import { distDir } from '../support/preview-server.ts';

const BUDGET = 12e6;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
let server: CountingServer;

before(async () => {
  server = await startCountingServer(distDir);
});

after(async () => {
  await server?.close();
});

test('the precache list stays under the 12 MB first-visit budget and leaves the big extras out', () => {
  const files = precachedFiles(distDir);
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  console.log(`precache: ${files.length} files, ${MB(total)}`);
  assert.ok(total <= BUDGET, `precache ${MB(total)} is over the ${MB(BUDGET)} budget`);
  const urls = files.map((file) => file.url);
  for (const lazy of [/^mnist\//, /^datasets\//, /^assets\/tfjs-web(gl|gpu)-/, /^assets\/harness-/, /^harness\.html$/])
    assert.deepEqual(
      urls.filter((url) => lazy.test(url)),
      [],
      `${lazy} is not precached`,
    );
  assert.deepEqual(
    urls.filter((url) => url.endsWith('.wasm')).sort(),
    ['tfjs-wasm/tfjs-backend-wasm-simd.wasm', 'tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm'],
    'only the SIMD and threaded SIMD WASM builds are precached',
  );
});

test('first visit to Detect on a loaded machine: every weight file is downloaded once', async () => {
  // Under load the page used to reach its model before the service worker was even registered, and
  // both downloaded the weights (seen once at load average 14).
  const stopLoad = startCpuLoad(2);
  const profile = mkdtempSync(join(tmpdir(), 'tama-lab-first-visit-loaded-'));
  const context = await launchPersistentChromium(profile, { locale: 'ja-JP' });
  const served = server.served.length;
  try {
    // What load does to the registration, made certain: workbox-window (loaded before the worker is
    // registered) arrives 3 s late, long after the page could have started on its model.
    await context.route('**/assets/workbox-window*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/detect`);
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 240_000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    const shards = server.served
      .slice(served)
      .filter((file) => /group1-shard|weights\.bin|verifier\.json/.test(file.path) && file.sent > 0)
      .map((file) => file.path);
    assert.ok(shards.length > 0, 'the weights were downloaded');
    assert.equal(new Set(shards).size, shards.length, `weights downloaded twice: ${shards.join(', ')}`);
  } finally {
    stopLoad();
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('first visit to Detect: ≤ 12 MB, nothing twice; MNIST and the sample on first use, then offline', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'tama-lab-first-visit-'));
  const context = await launchPersistentChromium(profile, { locale: 'ja-JP' });
  const servedBefore = server.served.length;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/detect`);
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 180_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
    // Let the worker finish precaching the files the page never asked for.
    await page.evaluate(() => navigator.serviceWorker.ready);

    const firstVisit = server.served.slice(servedBefore);
    const sent = firstVisit.reduce((sum, file) => sum + file.sent, 0);
    const shards = firstVisit.filter((file) => /group1-shard|weights\.bin/.test(file.path) && file.sent > 0);
    console.log(`first visit to Detect: ${firstVisit.length} requests, ${MB(sent)} sent`);
    assert.ok(sent <= BUDGET, `first visit sent ${MB(sent)}, over ${MB(BUDGET)}`);
    const shardPaths = shards.map((file) => file.path);
    assert.equal(new Set(shardPaths).size, shardPaths.length, `weights downloaded twice: ${shardPaths.join(', ')}`);
    for (const lazy of ['/mnist/', '/datasets/'])
      assert.ok(!firstVisit.some((file) => file.path.includes(lazy)), `${lazy} waits for first use`);

    // MNIST: its 11 MB arrive when the page is opened, with progress, and are kept.
    const beforeMnist = server.served.length;
    await page.goto(`${server.url}/mnist`);
    await page.locator('[data-train-count="60000"]').waitFor({ timeout: 180_000 });
    const mnistFiles = server.served.slice(beforeMnist).filter((file) => file.path.includes('/mnist/'));
    assert.equal(mnistFiles.length, 4, mnistFiles.map((file) => file.path).join(', '));

    /** Taps a one-tap dataset's button: the photos arrive, and its .zip is the one dataset file downloaded. */
    const importBundled = async (button: string, count: number, zip: string, timeout: number) => {
      const before = server.served.length;
      await page.locator(`button[${button}]`).click();
      await page.locator(`[data-dataset-count="${count}"]`).waitFor({ timeout });
      const files = server.served.slice(before).filter((file) => file.path.includes('/datasets/'));
      assert.deepEqual(
        files.map((file) => file.path),
        [zip],
      );
    };
    // The sample photos (3 MB) likewise.
    await page.goto(`${server.url}/label`);
    await importBundled('data-sample', 64, '/datasets/sample.zip', 120_000);
    // The real photos (158, CC BY 4.0) are the second one-tap dataset, downloaded on first use too.
    await importBundled('data-real-sample', 222, '/datasets/real.zip', 180_000);

    // With the server gone, nothing can come from the network: Detect, MNIST and the sample still work.
    await server.close();
    await page.goto(`${server.url}/label`);
    await page.locator('button[data-sample]').click();
    await page.locator('[data-duplicates="64"]').waitFor({ timeout: 120_000 });
    await page.locator('button[data-real-sample]').click();
    await page.locator('[data-duplicates="158"]').waitFor({ timeout: 120_000 });
    await page.goto(`${server.url}/detect`);
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 180_000 });
    await page.goto(`${server.url}/mnist`);
    await page.locator('[data-train-count="60000"]').waitFor({ timeout: 180_000 });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
