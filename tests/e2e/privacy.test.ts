// The app's privacy promise, end to end: nothing a user does sends a request anywhere but the app's own
// origin. One walk through every flow (live detection on the fake camera, a snapshot, labeling with the
// model's suggestions and a drawn box, the sample dataset, a short fine-tuning run and its comparison, a
// short MNIST run, the share screen, About, the benchmark) in a Chromium whose every request passes a
// recording proxy that forwards only to the app (tests/support/recording-proxy.ts). Playwright's request
// and WebSocket events are a second witness. A request the Content-Security-Policy blocks never reaches
// the network; it fails the run as a violation instead (tests/support/csp-violations.ts).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import type { BoxLabeler } from '../../src/features/labeling/box-labeler.ts';
import { writeFakeCameraVideo } from '../support/fake-camera.ts';
import { type PreviewServer, startPreviewServer } from '../support/preview-server.ts';
import { type RecordingProxy, startRecordingProxy } from '../support/recording-proxy.ts';
import { touch, waitUntil } from '../support/touch.ts';

const root = join(import.meta.dirname, '../..');

/**
 * Chromium's own calls home, whatever the page (through the same proxy, component updates and Google
 * account look-ups came from about:blank, autofill look-ups from any page with a form field). They
 * are set aside, not hidden: an app request to those hosts would still fail the test, through Playwright's
 * request events (pages, workers) or the CSP, which refuses every other origin in pages, workers and the
 * service worker alike.
 */
const BROWSER_OWN = [
  /^CONNECT ([a-z0-9-]+\.)*(google\.com|googleapis\.com|gstatic\.com):443$/,
  /^POST http:\/\/update\.googleapis\.com\/service\/update2\/json\?/,
];

let server: PreviewServer;
let proxy: RecordingProxy;
let browser: Browser;

before(async () => {
  const y4m = join(mkdtempSync(join(tmpdir(), 'tama-camera-')), 'balls.y4m');
  await writeFakeCameraVideo(join(root, 'datasets/sample/images/s1-00001.jpg'), y4m, { frames: 4, step: 0 });
  server = await startPreviewServer();
  proxy = await startRecordingProxy(server.url);
  browser = await launchChromium({
    args: [
      `--proxy-server=${proxy.url}`,
      // Chromium never proxies loopback addresses unless told to: the app itself must pass the proxy too.
      '--proxy-bypass-list=<-loopback>',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
      '--use-fake-ui-for-media-stream',
    ],
  });
});

after(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

/** Requests and WebSockets Playwright sees going anywhere but the app (blob: and data: stay in the page). */
let seen = 0;
function watchRequests(context: BrowserContext, origin: string): string[] {
  const elsewhere: string[] = [];
  const check = (kind: string, url: string) => {
    seen += 1;
    if (/^(blob|data):/.test(url)) return;
    if (new URL(url).origin !== origin) elsewhere.push(`${kind} ${url}`);
  };
  context.on('request', (request) => check(request.method(), request.url()));
  context.on('page', (page) => page.on('websocket', (socket) => elsewhere.push(`WebSocket ${socket.url()}`)));
  context.on('serviceworker', (worker) => check('service worker', worker.url()));
  return elsewhere;
}

const timings: string[] = [];
async function step(name: string, run: () => Promise<void>) {
  const started = Date.now();
  await run();
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function liveSnapshot(page: Page) {
  await page.goto(`${server.url}/detect`);
  await page.locator('[data-model-state="ready"]').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Start camera' }).click();
  const overlay = page.locator('detection-overlay');
  await waitUntil(async () => Number(await overlay.getAttribute('data-count')) >= 1, 60_000);
  await page.getByRole('button', { name: 'Snapshot' }).click();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
}

async function labelAndImport(page: Page, context: BrowserContext) {
  await page.goto(`${server.url}/label`);
  await page.locator('[data-dataset-count="1"]').waitFor();
  await page.locator('[data-open-editor]').tap();
  await page.locator('label-editor [data-suggest-state="done"]').waitFor({ timeout: 90_000 });
  const labeler = page.locator('box-labeler');
  const boxes = () => labeler.evaluate((element) => (element as BoxLabeler).boxes.length);
  const before = await boxes();
  await labeler.scrollIntoViewIfNeeded();
  const area = (await labeler.boundingBox()) as { x: number; y: number; width: number; height: number };
  const at = (x: number, y: number): [number, number] => [area.x + area.width * x, area.y + area.height * y];
  await touch(await context.newCDPSession(page), [[at(0.04, 0.05), at(0.14, 0.18)]]);
  await waitUntil(async () => (await boxes()) === before + 1);

  await page.goto(`${server.url}/label`);
  await page.getByRole('button', { name: 'Add the sample ball dataset' }).click();
  await page.locator('[data-imported="64"]').waitFor({ timeout: 60_000 });
}

async function trainAndCompare(page: Page) {
  await page.goto(`${server.url}/train`);
  await page.locator('[data-train]').waitFor();
  for (const [label, value] of [
    ['Epochs', '1'],
    ['Views per photo', '1'],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel(label, { exact: true }).dispatchEvent('change');
  }
  await page.locator('[data-start]').click();
  await page.locator('[data-result-map]').waitFor({ timeout: 180_000 });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.locator('model-comparison table[data-stock]').waitFor({ timeout: 120_000 });
}

async function mnist(page: Page) {
  await page.goto(`${server.url}/mnist`);
  await page.locator('[data-train-count="60000"][data-test-count="10000"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-mnist-subset]').selectOption('2000');
  await page.locator('[data-mnist-epochs]').fill('1');
  await page.locator('[data-mnist-epochs]').dispatchEvent('change');
  await page.locator('[data-mnist-backend]').selectOption('wasm');
  await page.locator('[data-mnist-train]').click();
  await page.locator('[data-test-accuracy]').waitFor({ timeout: 180_000 });
}

async function shareAboutBench(page: Page) {
  await page.goto(`${server.url}/share`);
  await page.locator('[data-share-qr] svg').waitFor();
  await page.goto(`${server.url}/about`);
  await page.locator('[data-bench-link]').click();
  const box = (backend: string) => page.locator(`input[data-backend="${backend}"]`);
  await box('wasm').waitFor();
  for (const backend of ['webgpu', 'webgl', 'cpu'])
    if ((await box(backend).isChecked()) && (await box(backend).isEnabled())) await box(backend).setChecked(false);
  await box('wasm').setChecked(true);
  await page.locator('input[data-runs]').fill('1');
  await page.locator('input[data-runs]').dispatchEvent('change');
  await page.locator('[data-start]').click();
  await page.locator('[data-report]').waitFor({ timeout: 120_000 });
}

test('no request leaves the origin: live, snapshot, label, sample, train, compare, MNIST, share, about, bench', async () => {
  const context = await browser.newContext({
    locale: 'en-US',
    permissions: ['camera'],
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const elsewhere = watchRequests(context, server.url);
  const page = await context.newPage();
  try {
    await step('live + snapshot', () => liveSnapshot(page));
    await step('label + sample', () => labelAndImport(page, context));
    await step('train + compare', () => trainAndCompare(page));
    await step('MNIST', () => mnist(page));
    await step('share, about, bench', () => shareAboutBench(page));
    // The control: a request elsewhere that the CSP cannot stop (a top-level navigation) is caught by both
    // witnesses, so silence from them means something.
    const leaksBefore = [proxy.offOrigin.length, elsewhere.length];
    await page.goto('http://off-origin.example/').catch(() => undefined);
    assert.deepEqual(proxy.offOrigin.splice(leaksBefore[0] ?? 0), ['GET http://off-origin.example/']);
    assert.deepEqual(elsewhere.splice(leaksBefore[1] ?? 0), ['GET http://off-origin.example/']);
  } finally {
    await context.close();
    console.log(
      `${timings.join(', ')}; the proxy forwarded ${proxy.forwarded.length} requests to the app, Playwright saw ${seen}`,
    );
  }
  const browserOwn = proxy.offOrigin.filter((line) => BROWSER_OWN.some((pattern) => pattern.test(line)));
  console.log(
    `Chromium's own requests, refused, not the app's: ${[...new Set(browserOwn.map((line) => line.split('?')[0]))].join(', ')}`,
  );
  assert.deepEqual(
    proxy.offOrigin.filter((line) => !browserOwn.includes(line)),
    [],
    'requests the proxy refused',
  );
  assert.deepEqual(elsewhere, [], 'requests Playwright saw going elsewhere');
  // The proxy really stood between the browser and the app: it carried the app's own traffic.
  const carried = (pattern: RegExp) => proxy.forwarded.some((line) => pattern.test(line));
  for (const pattern of [
    /^GET \/detect$/,
    /^GET \/sw\.js$/,
    /^GET \/models\/.+\.bin$/,
    /^GET \/tfjs-wasm\/.+\.wasm$/,
    /^GET \/assets\/training\.worker-.+\.js$/,
    /^GET \/assets\/mnist\.worker-.+\.js$/,
    /^GET \/mnist\//,
    /^GET \/datasets\/sample\.zip$/,
  ])
    assert.ok(carried(pattern), `the proxy carried ${pattern}`);
});
