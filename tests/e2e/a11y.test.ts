// Accessibility: axe-core on every page, in Japanese and English, on a phone (390×844) and a projector
// (1920×1080), with the main states open (live camera running, the editor with boxes, a finished
// training run, MNIST results). Zero serious or critical violations.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { writeFakeCameraVideo } from '../support/fake-camera.ts';
import { type PreviewServer, startPreviewServer } from '../support/preview-server.ts';

const root = join(import.meta.dirname, '../..');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'projector', width: 1920, height: 1080 },
] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let server: PreviewServer;
let browser: Browser;
let page: Page;
const found: string[] = [];

before(async () => {
  const y4m = join(mkdtempSync(join(tmpdir(), 'tama-a11y-')), 'balls.y4m');
  await writeFakeCameraVideo(join(root, 'datasets/sample/images/s1-00001.jpg'), y4m, { frames: 20, step: 2 });
  server = await startPreviewServer();
  browser = await launchChromium({
    args: [
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
      '--use-fake-ui-for-media-stream',
    ],
  });
  const context = await browser.newContext({ locale: 'ja-JP', permissions: ['camera'], viewport: VIEWPORTS[0] });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function locale(wanted: 'ja' | 'en') {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (!current.startsWith(wanted)) {
    await page.locator('tama-app header button[lang]').click();
    await page.waitForFunction((lang) => document.documentElement.lang.startsWith(lang), wanted);
  }
}

/** Runs axe in both languages and both viewports on the page as it is now. */
async function audit(state: string) {
  // Evaluated rather than added as a <script>: the app's CSP refuses inline scripts (and a violation fails the test).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(axePath, 'utf8'));
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const lang of ['ja', 'en'] as const) {
      await locale(lang);
      await page.waitForTimeout(300);
      const violations = (await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
        return (await axe.run(document)).violations;
      })) as Violation[];
      for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
        found.push(
          `${state} ${viewport.name} ${lang}: ${v.id} (${v.impact}) ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target).slice(0, 3))}`,
        );
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
  await locale('ja');
}

test('every page and main state: no serious or critical axe violations (ja/en, phone/projector)', async () => {
  await page.goto(`${server.url}/detect`);
  await page.locator('[data-model-state="ready"]').waitFor({ timeout: 120_000 });
  await audit('detect');
  await page.getByRole('button', { name: 'カメラを起動' }).click();
  await page.waitForFunction(
    () =>
      Number(
        document
          .querySelector('tama-app')
          ?.shadowRoot?.querySelector('detect-page')
          ?.shadowRoot?.querySelector('detection-overlay')
          ?.getAttribute('data-frames') ?? 0,
      ) > 5,
    undefined,
    { timeout: 60_000 },
  );
  await audit('detect-live');

  await page.goto(`${server.url}/label`);
  await page.locator('button[data-sample]').click();
  await page.locator('[data-dataset-count="64"]').waitFor({ timeout: 120_000 });
  await audit('label-editor');

  await page.goto(`${server.url}/train`);
  await page.locator('[data-train]').waitFor();
  await page.locator('[data-start]').click();
  await page.locator('[data-result-map]').waitFor({ timeout: 240_000 });
  // The jargon explains itself in place, in the screen's language.
  await page.locator('glossary-term[term="epoch"] button').click();
  const note = await page.locator('[data-glossary-note="epoch"]').textContent();
  assert.match(note ?? '', /エポック: 学習用の写真を全部/);
  await audit('train-done');

  await page.goto(`${server.url}/mnist`);
  await page.locator('[data-train-count="60000"]').waitFor({ timeout: 120_000 });
  await page.locator('[data-mnist-subset]').selectOption('2000');
  await page.locator('[data-mnist-epochs]').fill('1');
  await page.locator('[data-mnist-epochs]').dispatchEvent('change');
  await page.locator('[data-mnist-train]').click();
  await page.locator('[data-test-accuracy]').waitFor({ timeout: 180_000 });
  await audit('mnist-results');

  // The benchmark with its results, bars and JSON (one backend, one frame: the layout is what counts).
  await page.goto(`${server.url}/bench?backends=wasm&runs=1`);
  await page.locator('[data-start]').click();
  await page.locator('[data-report]').waitFor({ timeout: 120_000 });
  await audit('bench-results');

  for (const route of ['about', 'share', 'receive', 'no-such-page']) {
    await page.goto(`${server.url}/${route}`);
    await page.locator('tama-app h1').first().waitFor();
    await audit(route);
  }
  assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
});
