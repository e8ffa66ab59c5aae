// A training run that does not end well: the tab reloaded, closed or crashed mid-run (its best heads so far
// are kept after each epoch; the Train page then offers to resume or keep them, and the dataset is
// never touched), and the GPU lost mid-run (the run goes on on the next backend from its last
// finished epoch, and says so in one line).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { type SavedRun, savedRuns } from '../support/saved-runs.ts';

const app = useAppUnderTest();

/** Every photo record of the dataset, its blob read out as bytes: to prove nothing changed it. */
const datasetRecords = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('tama-lab-dataset');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('images').objectStore('images').getAll();
          request.onsuccess = async () => {
            db.close();
            const records = await Promise.all(
              request.result.map(async ({ blob, ...rest }) => ({
                ...rest,
                bytes: Array.from(new Uint8Array(await (blob as Blob).arrayBuffer())).join(','),
              })),
            );
            resolve(JSON.stringify(records));
          };
        };
      }),
  );

/** Waits until the run has saved a checkpoint with a best epoch past the start. */
async function improvedCheckpoint(page: Page): Promise<SavedRun> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const run = (await savedRuns(page)).find((saved) => saved.bestEpoch >= 1);
    if (run) return run;
    assert.ok(Date.now() < deadline, 'no improving epoch was saved in time');
    await page.waitForTimeout(200);
  }
}

async function setRun(page: Page, epochs: number) {
  await page.getByLabel('Epochs').fill(String(epochs));
  await page.getByLabel('Epochs').dispatchEvent('change');
  await page.getByLabel('Views per photo', { exact: true }).fill('1');
  await page.getByLabel('Views per photo', { exact: true }).dispatchEvent('change');
}

async function trainPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  // "Leave the page?" while training: yes (as a student closing the tab would).
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${app.server.url}/train`);
  await page.locator('[data-train]').waitFor();
  return page;
}

test('reload mid-run → resume finishes and saves; closed → keep lists the best model; crashed → discard; photos untouched', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  const setup = await context.newPage();
  await setup.goto(`${app.server.url}/label`);
  await setup.getByRole('button', { name: 'Add the sample ball dataset' }).click();
  await setup.locator('[data-imported="64"]').waitFor({ timeout: 60_000 });
  const before = await datasetRecords(setup);
  await setup.close();

  // Reload after an improving epoch, then resume: the run goes on after its last saved epoch.
  let page = await trainPage(context);
  await setRun(page, 12);
  await page.locator('[data-start]').click();
  const first = await improvedCheckpoint(page);
  await page.reload();
  const card = page.locator('unfinished-run [data-unfinished-run]');
  await card.waitFor();
  const stoppedAt = Number(await card.getAttribute('data-epoch'));
  assert.ok(stoppedAt >= first.epoch, `stopped at ${stoppedAt}, saved ${first.epoch}`);
  assert.match((await card.textContent()) ?? '', new RegExp(`stopped after epoch ${stoppedAt} of 12`));
  await card.getByRole('button', { name: `Resume from epoch ${stoppedAt + 1}` }).click();
  await page.locator(`tr[data-epoch="${stoppedAt}"]`).waitFor();
  await page.locator('[data-result-map]').waitFor({ timeout: 240_000 });
  assert.equal(await card.count(), 0);
  const resumed = page.locator('trained-model-list li[data-model]');
  await resumed.waitFor();
  assert.equal(await resumed.locator('[data-stopped-at]').count(), 0, 'a resumed run finished: not "stopped early"');
  assert.deepEqual(await savedRuns(page), [], 'finishing cleans the checkpoint');

  // Close the tab without a goodbye after an improving epoch, then keep the best model so far.
  await setRun(page, 12);
  await page.locator('[data-start]').click();
  const second = await improvedCheckpoint(page);
  await page.close({ runBeforeUnload: false });
  page = await trainPage(context);
  const offered = page.locator('unfinished-run [data-unfinished-run]');
  await offered.waitFor();
  const keptAt = Number(await offered.getAttribute('data-epoch'));
  assert.ok(keptAt >= second.epoch);
  await offered.getByRole('button', { name: 'Keep the best model' }).click();
  const kept = page.locator(`trained-model-list li[data-model]:has([data-stopped-at="${keptAt}"])`);
  await kept.waitFor();
  assert.match(
    (await kept.textContent()) ?? '',
    new RegExp(`mAP@0.5 \\d\\.\\d{3}[\\s\\S]*stopped early at epoch ${keptAt} of 12`),
  );
  assert.equal(await page.locator('trained-model-list li[data-model]').count(), 2);
  assert.equal(await page.locator('unfinished-run [data-unfinished-run]').count(), 0);
  assert.deepEqual(await savedRuns(page), []);

  // The renderer crashes mid-run (as when a phone runs out of memory): the run is offered again; discard it.
  await setRun(page, 12);
  await page.locator('[data-start]').click();
  await improvedCheckpoint(page);
  const crashed = page.waitForEvent('crash');
  const cdp = await context.newCDPSession(page);
  void cdp.send('Page.crash').catch(() => {});
  await crashed;
  page = await trainPage(context);
  const again = page.locator('unfinished-run [data-unfinished-run]');
  await again.waitFor();
  await again.getByRole('button', { name: 'Discard' }).click();
  await again.waitFor({ state: 'detached' });
  assert.deepEqual(await savedRuns(page), []);
  // The model list loads after the page has painted (src/app/page-modules.ts): its models come in one read.
  const listed = page.locator('trained-model-list li[data-model]');
  await listed.first().waitFor();
  assert.equal(await listed.count(), 2, 'discarding adds no model');

  assert.equal(await datasetRecords(page), before, 'the dataset records are exactly as before');
  await context.close();
});

/** A COCO .zip of the first `count` sample photos: a run small enough for a GPU emulated in software. */
function smallDataset(count: number): Buffer {
  const root = join(import.meta.dirname, '../../datasets/sample');
  const coco = JSON.parse(readFileSync(join(root, 'train.json'), 'utf8'));
  const images = coco.images.slice(0, count);
  const ids = new Set(images.map((image: { id: number }) => image.id));
  const subset = {
    ...coco,
    images,
    annotations: coco.annotations.filter((a: { image_id: number }) => ids.has(a.image_id)),
  };
  const files = Object.fromEntries(
    images.map((image: { file_name: string }) => [image.file_name, readFileSync(join(root, image.file_name))]),
  );
  return Buffer.from(zipSync({ 'annotations.json': strToU8(JSON.stringify(subset)), ...files }));
}

/** Imports `photos` sample photos, almost all then for training (so the split never leaves none), and sets a 3-epoch run on `backend`. */
async function smallRun(page: Page, photos: number, backend: string) {
  await page.goto(`${app.server.url}/label`);
  await page
    .locator('input[data-import]')
    .setInputFiles({ name: 'small.zip', mimeType: 'application/zip', buffer: smallDataset(photos) });
  await page.locator(`[data-imported="${photos}"]`).waitFor({ timeout: 60_000 });
  await page.locator('split-settings summary').click();
  await page.locator('split-settings input[type="range"]').fill('0.05');
  await page.goto(`${app.server.url}/train`);
  await page.locator('[data-train]').waitFor();
  await page.getByLabel('エポック数').fill('3');
  await page.getByLabel('エポック数').dispatchEvent('change');
  await page.locator('input[data-views]').fill('1');
  await page.locator('input[data-views]').dispatchEvent('change');
  await page.locator('backend-select select').selectOption(backend);
}

/**
 * Starts a small run on `backend` in a Japanese page, loses its GPU for real once `moment` is on the
 * page, and waits for the run to end; gives the page and the one line that told the user.
 */
async function loseGpuMidRun(photos: number, backend: string, moment: string) {
  const context = await app.browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await smallRun(page, photos, backend);
  await page.locator('[data-start]').click();
  await page.locator(moment).waitFor({ timeout: 240_000 });
  const lost = await page
    .locator('train-page')
    .evaluate((el) => (el as unknown as { loseGpuForTest(): Promise<boolean> }).loseGpuForTest());
  assert.equal(lost, true);
  const line = page.locator('[data-gpu-fallback]');
  await line.waitFor({ timeout: 60_000 });
  const from = Number(await line.getAttribute('data-from-epoch'));
  await page.locator('[data-result-map]').waitFor({ timeout: 300_000 });
  return { context, page, line, from };
}

/** The epochs of the learning curve's table, in order. */
const epochRows = (page: Page) =>
  page
    .locator('learning-curve tr[data-epoch]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-epoch')));

test('WebGL context lost mid-run: the run goes on with WASM after its last finished epoch, said in Japanese', async () => {
  const { context, page, line, from } = await loseGpuMidRun(6, 'webgl', 'tr[data-epoch="1"]');
  assert.ok(from >= 1, `went on after epoch ${from}`);
  assert.equal(await line.getAttribute('data-gpu-fallback'), 'wasm');
  assert.equal(
    (await line.textContent())?.trim(),
    `グラフィックスチップが止まりました。WASM でエポック ${from} の続きから学習を続けます。`,
  );
  // Every epoch once: the ones before the loss are not trained again.
  assert.deepEqual(await epochRows(page), ['1', '2', '3']);
  assert.match((await page.locator('[data-result-map]').textContent()) ?? '', /wasm で実行/);
  assert.deepEqual(await savedRuns(page), []);
  await context.close();
});

// WebGPU on SwiftShader needs about a minute for the features of three photos and as long for one
// epoch: the device is lost as soon as training starts, and the run starts again on WebGL.
test('WebGPU device lost mid-run: the run starts again with WebGL, said in Japanese', async () => {
  const { context, page, line, from } = await loseGpuMidRun(3, 'webgpu', '[data-phase="training"]');
  assert.equal(await line.getAttribute('data-gpu-fallback'), 'webgl');
  assert.equal(from, 0);
  assert.equal(
    (await line.textContent())?.trim(),
    'グラフィックスチップが止まりました。WEBGL で学習を最初からやり直します。',
  );
  assert.deepEqual(await epochRows(page), ['1', '2', '3']);
  assert.match((await page.locator('[data-result-map]').textContent()) ?? '', /webgl で実行/);
  await context.close();
});
