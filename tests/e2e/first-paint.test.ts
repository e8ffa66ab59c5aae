// End-to-end: the page a student opens from the class QR code paints its words before anything heavy.
// The JavaScript needed before that paint stays within budget (from the build's manifest), TF.js and the
// model are asked for only after it, and pages without a model load no TF.js at all.
// Lighthouse's scores for the same build: `npm run bench:lighthouse` (numbers, not a test).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import {
  FIRST_PAINT_MODULES,
  firstPaintBundle,
  heavyChunks,
  workerChunks,
} from '../../scripts/lib/first-paint-bundle.ts';
import { type CountingServer, startCountingServer } from '../support/counting-server.ts';
import { distDir } from '../support/preview-server.ts';

const BUDGET_KIB = 150;
/**
 * On HTTP/1.1 a phone fetches 6 files at a time from one host, so every six more cost a round trip
 * (~150 ms on slow 4G) before the paint. Lighthouse put /label's largest paint at 2.3 s with 40 files
 * and at 2.1 s with 25.
 */
const MOST_FILES = 30;
let heavy: Set<string>;
/** TF.js, its WASM backend, the detector's code and the model's files (a path on the server). */
const isHeavy = (path: string) => heavy.has(path.slice(1)) || path.endsWith('.wasm') || path.startsWith('/models/');

let server: CountingServer;
let browser: Browser;

before(async () => {
  heavy = heavyChunks(distDir);
  server = await startCountingServer(distDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const page of Object.keys(FIRST_PAINT_MODULES)) {
  test(`/${page} needs at most ${BUDGET_KIB} KiB of gzip'ed JavaScript in ${MOST_FILES} files before it paints`, () => {
    const { files, gzipBytes } = firstPaintBundle(distDir, page);
    const kib = gzipBytes / 1024;
    const largest = files.slice(0, 4).map(({ file, gzipBytes: bytes }) => `${file} ${(bytes / 1024).toFixed(1)}`);
    console.log(`/${page}: ${kib.toFixed(1)} KiB in ${files.length} files (largest: ${largest.join(', ')})`);
    assert.ok(kib <= BUDGET_KIB, `/${page} needs ${kib.toFixed(1)} KiB before its first paint`);
    assert.ok(files.length <= MOST_FILES, `/${page} needs ${files.length} files before its first paint`);
    assert.deepEqual(
      files.filter(({ file }) => isHeavy(`/${file}`)),
      [],
      'no TF.js or detector code before the first paint',
    );
  });
}

// Lit sits in one chunk of its own (vite.config.ts) for fewer files before the paint. Lit touches
// `document` as it loads, so a worker that came to share that chunk would die at start.
test('no worker loads Lit', () => {
  const workers = workerChunks(distDir);
  assert.ok(workers.size >= 3, `${workers.size} workers in the build`);
  for (const [worker, chunks] of workers) {
    const lit = [...chunks].filter((file) => /(^|\/)lit-[\w-]+\.js$/.test(file));
    assert.deepEqual(lit, [], `${worker} loads ${lit.join(', ')}`);
  }
});

/** Opens `path` in a fresh phone-sized context and records when each heavy file was asked for. */
async function openRecording(path: string): Promise<{ page: Page; asked: { url: string; at: number }[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
  const page = await context.newPage();
  const asked: { url: string; at: number }[] = [];
  page.on('request', (request) => {
    if (isHeavy(new URL(request.url()).pathname)) asked.push({ url: request.url(), at: Date.now() });
  });
  await page.goto(`${server.url}${path}`);
  return { page, asked };
}

/** When (epoch ms) the shell marked the page as painted. */
const paintedAt = (page: Page) =>
  page.waitForFunction(() => {
    const mark = performance.getEntriesByName('tama:page-painted')[0];
    return mark ? performance.timeOrigin + mark.startTime : false;
  });

test('/detect shows its words and the loading line before TF.js or the model is asked for', async () => {
  const { page, asked } = await openRecording('/detect');
  try {
    const painted = Number(await (await paintedAt(page)).jsonValue());
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 120_000 });
    assert.ok(asked.length > 0, 'the live view loaded its model');
    const early = asked.filter(({ at }) => at < painted);
    assert.deepEqual(
      early.map(({ url }) => url),
      [],
      'nothing heavy before the page painted',
    );
    console.log(
      `/detect: ${asked.length} heavy requests, the first ${(asked[0]?.at ?? painted) - painted} ms after the paint`,
    );
  } finally {
    await page.context().close();
  }
});

test('/about and /mnist load no TF.js until it is needed', async () => {
  for (const path of ['/about', '/mnist']) {
    const { page, asked } = await openRecording(path);
    try {
      await paintedAt(page);
      // Time enough for anything started after the paint to be asked for.
      await page.waitForTimeout(1500);
      assert.deepEqual(
        asked.map(({ url }) => url),
        [],
        `${path} asked for TF.js or a model`,
      );
    } finally {
      await page.context().close();
    }
  }
});
