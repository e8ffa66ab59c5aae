// End-to-end: the production build in real Chromium — shell, routing, i18n, manifest, installability,
// service-worker precache and offline reload with the model loaded from the cache.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistentChromium } from '../../scripts/lib/chromium.ts';
import { BALL_MODEL_FOLDER, modelFolder } from '../../src/model/model-variants.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { distDir, startPreviewServer } from '../support/preview-server.ts';

const app = useAppUnderTest();

async function openApp(path: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ locale, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${app.server.url}${path}`);
  return { context, page };
}

describe('app shell', () => {
  test('deep links, in-app navigation and the back button', async () => {
    const { context, page } = await openApp('/train');
    await page.locator('h1', { hasText: 'Training' }).waitFor();
    await page.locator('nav a[data-route="about"]').click();
    await page.locator('h1', { hasText: 'About Tama Lab' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/about');
    assert.equal(await page.locator('nav a[aria-current="page"]').getAttribute('data-route'), 'about');
    await page.goBack();
    await page.locator('h1', { hasText: 'Training' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/train');
    await page.goto(`${app.server.url}/no-such-section`);
    await page.locator('h1', { hasText: 'Page not found' }).waitFor();
    await context.close();
  });

  test('Japanese for ja browsers, switchable to English, and the choice survives a reload', async () => {
    const { context, page } = await openApp('/detect', 'ja-JP');
    await page.locator('h1', { hasText: 'ライブ検出' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('h1', { hasText: 'Live detection' }).waitFor();
    await page.reload();
    await page.locator('h1', { hasText: 'Live detection' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await context.close();
  });

  test('the backend chip shows the active backend and a chosen backend survives a reload', async () => {
    const { context, page } = await openApp('/detect');
    const chip = page.locator('backend-chip');
    await page.locator('backend-chip[data-status="ready"]').waitFor({ timeout: 60_000 });
    // This machine's GPUs are SwiftShader emulations, which the automatic choice passes over for WASM.
    assert.equal(await chip.getAttribute('data-backend'), 'wasm');
    await chip.locator('select').selectOption('webgpu');
    await page.locator('backend-chip[data-backend="webgpu"]').waitFor({ timeout: 60_000 });
    // Not waiting for "load": the page is busy compiling WebGPU shaders on a software GPU, and the
    // chip below says all the test needs.
    await page.reload({ waitUntil: 'commit' });
    await page.locator('backend-chip[data-backend="webgpu"]').waitFor({ timeout: 60_000 });
    // The model check on the detect page runs on the chosen backend.
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('[data-model-state="ready"]').getAttribute('data-backend'), 'webgpu');
    await context.close();
  });

  test('touch targets in the section tabs are at least 44 px', async () => {
    const { context, page } = await openApp('/detect');
    await page.locator('nav a').first().waitFor();
    const sizes = await page
      .locator('nav a')
      .evaluateAll((links) =>
        links.map((link) => link.getBoundingClientRect()).map(({ width, height }) => Math.min(width, height)),
      );
    assert.equal(sizes.length, 5);
    for (const size of sizes) assert.ok(size >= 44, `tab is ${size} px`);
    await context.close();
  });
});

describe('progressive web app', () => {
  test('manifest is complete and Chromium finds the app installable', async () => {
    // Installability is never granted to incognito contexts, so this one gets a real profile.
    const profile = mkdtempSync(join(tmpdir(), 'tama-lab-profile-'));
    const context = await launchPersistentChromium(profile, { locale: 'en-US' });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${app.server.url}/`);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    assert.ok(manifestHref);
    const response = await page.request.get(new URL(manifestHref, app.server.url).href);
    assert.equal(response.status(), 200);
    const manifest = await response.json();
    assert.equal(manifest.name, 'Tama Lab たまラボ');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.lang, 'ja');
    for (const key of ['short_name', 'start_url', 'scope', 'theme_color', 'background_color']) {
      assert.ok(manifest[key], `manifest.${key}`);
    }
    for (const [size, purpose] of [
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['512x512', 'maskable'],
    ]) {
      const icon = manifest.icons.find(
        (i: { sizes: string; purpose: string }) => i.sizes === size && i.purpose === purpose,
      );
      assert.ok(icon, `icon ${size} ${purpose}`);
      const png = await (await page.request.get(new URL(icon.src, app.server.url).href)).body();
      // PNG IHDR: width and height are big-endian uint32 at bytes 16 and 20.
      assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, size);
    }
    const cdp = await context.newCDPSession(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('precaches the model and the WASM binaries, then works offline with the model from the cache', async () => {
    const { context, page } = await openApp('/detect');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.getByRole('status').getByText('Ready to work offline').waitFor();
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    const modelFiles = readdirSync(join(distDir, modelFolder())).filter(
      (file) => file === 'model.json' || file.startsWith('group1-shard'),
    );
    assert.ok(modelFiles.length >= 3, `model files: ${modelFiles.join(', ')}`);
    for (const file of modelFiles) assert.ok(cached.includes(`/${modelFolder()}/${file}`), `${file} is precached`);
    // The default ball model: its heads on that backbone.
    for (const file of ['model.json', 'weights.bin'])
      assert.ok(cached.includes(`/${BALL_MODEL_FOLDER}/${file}`), `ball model ${file} is precached`);
    assert.ok(
      cached.some((url) => url.endsWith('tfjs-backend-wasm-simd.wasm')),
      'WASM binary is precached',
    );

    await context.setOffline(true);
    await page.reload();
    await page.locator('h1', { hasText: 'Live detection' }).waitFor();
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 120_000 });
    // Offline, the live view runs the default ball model, loaded from the cache.
    assert.equal(await page.locator('select[data-model-select]').inputValue(), 'ball');
    // A deep link that was never visited still opens offline (navigation fallback to the shell).
    await page.goto(`${app.server.url}/mnist`);
    await page.locator('h1', { hasText: 'MNIST' }).waitFor();
    await context.close();
  });

  test('a new deployment shows "Update available" and Reload switches to it', async () => {
    // Serve a private copy of the build so the test can publish a changed service worker.
    const copy = mkdtempSync(join(tmpdir(), 'tama-lab-dist-'));
    cpSync(distDir, copy, { recursive: true });
    const updatable = await startPreviewServer(copy);
    const context = await app.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${updatable.url}/about`);
      await page.evaluate(() => navigator.serviceWorker.ready);
      // The second visit is the one the service worker controls; only then does an update have to wait.
      await page.reload();
      await page.locator('h1', { hasText: 'About Tama Lab' }).waitFor();
      const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? 'none');
      appendFileSync(join(copy, 'sw.js'), '\n// next deployment\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      await page.getByRole('status').getByText('Update available').waitFor({ timeout: 60_000 });
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
      await page.locator('h1', { hasText: 'About Tama Lab' }).waitFor();
      const state = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { waiting: !!registration?.waiting, controlled: !!navigator.serviceWorker.controller };
      });
      assert.notEqual(firstWorker, 'none');
      assert.deepEqual(state, { waiting: false, controlled: true });
    } finally {
      await context.close();
      await updatable.close();
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
