// The on-device dataset from the Label page: one-click sample import, persistence across reloads,
// export as a COCO/YOLO zip, and importing that zip back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { useAppUnderTest } from '../support/app-under-test.ts';

const root = join(import.meta.dirname, '../..');
const sampleBalls = ['train', 'val']
  .map((split) => JSON.parse(readFileSync(join(root, `datasets/sample/${split}.json`), 'utf8')).annotations.length)
  .reduce((a, b) => a + b, 0);

const app = useAppUnderTest();

test('sample import, reload persistence, export and re-import of the export', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-dataset-count="0"]').waitFor();
  await page.getByRole('button', { name: 'Add the sample ball dataset' }).click();
  await page.locator('[data-imported="64"][data-skipped="0"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-dataset-count="64"]').waitFor();
  await page.reload();
  await page.locator('[data-dataset-count="64"]').waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Export \.zip/ }).click(),
  ]);
  const zipPath = await download.path();
  const entries = unzipSync(readFileSync(zipPath));
  const coco = JSON.parse(strFromU8(entries['annotations.json'] as Uint8Array));
  assert.equal(coco.images.length, 64);
  assert.equal(coco.annotations.length, sampleBalls);
  assert.deepEqual(
    coco.categories.map((c: { name: string }) => c.name),
    ['ball'],
  );
  assert.equal(Object.keys(entries).filter((name) => name.startsWith('labels/')).length, 64);

  // Importing the export again adds nothing: every photo's bytes are already in the dataset (which also
  // shows the export kept each image byte for byte).
  await page.locator('input[type="file"][accept*="zip"]').setInputFiles(zipPath);
  await page.locator('[data-imported="0"][data-skipped="0"][data-duplicates="64"]').waitFor({ timeout: 60_000 });
  await page.getByText('64 were already in the dataset and were not added again.').waitFor();
  await page.locator('[data-dataset-count="64"]').waitFor();
  await context.close();
});
