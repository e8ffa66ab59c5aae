// The benchmark page as a student opens it on a 390×844 phone in Japanese: from About to /bench, a run
// restricted to WASM and CPU with few frames, both rows with real numbers, bars, a JSON result that
// parses and holds both backends, copy (and its fallback when the clipboard refuses) and share — and
// nothing on the page in English besides the device's own facts and the backends' names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useAppUnderTest } from '../support/app-under-test.ts';

const app = useAppUnderTest();
const phone = { locale: 'ja-JP', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Product and unit names that stay as they are in Japanese text. */
const NAMES = ['WebAssembly', 'WebGPU', 'WebGL2', 'WebGL', 'WASM', 'CPU', 'FPS', 'COCO-SSD', 'JSON', 'ms', 'GB'];

/** The page's own words: its shadow root's text without the device's raw facts and the names above. */
async function pageWords(page: Page): Promise<string> {
  let text = await page.locator('bench-page').evaluate((element) => {
    const root = element.shadowRoot as ShadowRoot;
    const copy = document.createElement('div');
    for (const child of root.children) copy.append(child.cloneNode(true));
    for (const raw of copy.querySelectorAll('[data-raw]')) raw.remove();
    return copy.textContent ?? '';
  });
  for (const name of NAMES) text = text.replaceAll(name, '');
  return text;
}

test('a phone in Japanese: WASM and CPU measured from About, with a JSON result to copy and share', async () => {
  const context = await app.browser.newContext(phone);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
  // A phone's Web Share, recorded (a string, so tsx adds no helpers the page lacks).
  await context.addInitScript('navigator.share = async (data) => { (window.__shared ??= []).push(data); };');
  const page = await context.newPage();
  await page.goto(`${app.server.url}/about`);
  await page.locator('[data-bench-link]').tap();
  await page.waitForURL(`${app.server.url}/bench`);

  // Only WASM and CPU, 2 frames each: the GPUs here are SwiftShader, which the page leaves unticked anyway.
  const box = (backend: string) => page.locator(`input[data-backend="${backend}"]`);
  await box('wasm').waitFor();
  for (const backend of ['webgpu', 'webgl'])
    if ((await box(backend).isChecked()) && (await box(backend).isEnabled())) await box(backend).setChecked(false);
  for (const backend of ['wasm', 'cpu']) assert.equal(await box(backend).isChecked(), true, `${backend} is ticked`);
  assert.match((await page.locator('[data-why="software"]').first().textContent()) ?? '', /ソフトウェア/);
  await page.locator('input[data-runs]').fill('2');
  await page.locator('input[data-runs]').dispatchEvent('change');

  await page.locator('[data-start]').tap();
  await page.locator('[data-cancel]').waitFor();
  assert.match((await page.locator('[data-step]').textContent()) ?? '', /準備|WASM/);
  await page.locator('[data-report]').waitFor({ timeout: 300_000 });

  for (const backend of ['wasm', 'cpu']) {
    const row = page.locator(`tr[data-result="${backend}"]`);
    const ms = Number(await row.locator('[data-ms]').textContent());
    const fps = Number(await row.locator('[data-fps]').textContent());
    assert.ok(ms > 0 && fps > 0, `${backend}: ${ms} ms/frame, ${fps} FPS`);
    await page.locator(`[data-bar="${backend}"]`).waitFor();
  }
  const json = await page.locator('textarea[data-bench-json]').inputValue();
  const report = JSON.parse(json) as {
    format: string;
    device: { userAgent: string };
    results: { backend: string; runs: number; oursMs: number; fps: number; stockMs: number; trainStepMs: number }[];
  };
  assert.equal(report.format, 'tama-lab-bench');
  assert.match(report.device.userAgent, /Chrome/);
  assert.deepEqual(
    report.results.map((result) => result.backend),
    ['wasm', 'cpu'],
  );
  for (const result of report.results) {
    assert.equal(result.runs, 2);
    for (const key of ['oursMs', 'fps', 'stockMs', 'trainStepMs'] as const)
      assert.ok(result[key] > 0, `${result.backend} ${key} = ${result[key]}`);
  }

  // Nothing in English, and the table scrolls inside its card rather than the page sideways.
  const words = await pageWords(page);
  assert.match(words, /ベンチマーク/);
  assert.doesNotMatch(words, /[A-Za-z]{2,}/, words);
  const pageWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  assert.ok(pageWidth <= 390, `the page is ${pageWidth} px wide`);

  await page.locator('[data-bench-copy]').tap();
  await page.locator('[data-bench-copy]', { hasText: 'コピーしました' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), json);

  await page.locator('[data-bench-share]').tap();
  const shared = (await page.evaluate(() => (window as unknown as { __shared: { text: string }[] }).__shared)) ?? [];
  assert.equal(shared.length, 1);
  assert.match(shared[0]?.text ?? '', /^たまラボのベンチマーク、.*WASM \d+ ms \([\d.]+ FPS\), CPU \d+ ms/);
  assert.ok(shared[0]?.text.endsWith(json), 'the shared text ends with the JSON');

  // A clipboard that refuses: the JSON is selected for copying by hand, and the page says so in Japanese.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await page.locator('[data-bench-copy]').tap();
  const alert = page.locator('[data-report] [role="alert"]');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /手でコピー/);
  const selected = await page
    .locator('textarea[data-bench-json]')
    .evaluate((area: HTMLTextAreaElement) => area.selectionEnd - area.selectionStart);
  assert.equal(selected, json.length);
  await context.close();
});

test('a cancelled run stops at the next frame, says so in Japanese, and can start again', async () => {
  const context = await app.browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`${app.server.url}/bench?backends=wasm&runs=100`);
  await page.locator('[data-start]').tap();
  await page.locator('[data-step]', { hasText: 'フレーム中' }).waitFor({ timeout: 120_000 });
  await page.locator('[data-cancel]').tap();
  const stopped = page.locator('[data-stopped]');
  await stopped.waitFor({ timeout: 60_000 });
  assert.match((await stopped.textContent()) ?? '', /中止しました/);
  assert.equal(await page.locator('tr[data-result]').count(), 0);
  assert.equal(await page.locator('[data-report]').count(), 0);
  assert.equal(await page.locator('[data-start]').isEnabled(), true);
  await context.close();
});
