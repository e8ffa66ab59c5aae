// A training worker that dies by itself while the page lives (the browser kills it when memory runs
// out, WASM crashes): the test closes it from inside, as only the browser could. Within 5 s the page
// says so in Japanese and offers the crash choices (keep / resume / discard); resuming after the last
// finished epoch ends with the same model as a run that was never interrupted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { savedRuns } from '../support/saved-runs.ts';

const app = useAppUnderTest();
const EPOCHS = 4;

/** The last epoch the run has saved in its checkpoint. */
const savedEpoch = async (page: Page) => Math.max(0, ...(await savedRuns(page)).map((run) => run.epoch));

async function startRun(page: Page) {
  await page.goto(`${app.server.url}/train`);
  await page.locator('[data-train]').waitFor();
  await page.getByLabel('エポック数').fill(String(EPOCHS));
  await page.getByLabel('エポック数').dispatchEvent('change');
  await page.locator('input[data-views]').fill('1');
  await page.locator('input[data-views]').dispatchEvent('change');
  await page.locator('[data-start]').click();
}

const resultOf = async (page: Page) => {
  const result = page.locator('[data-result-map]');
  await result.waitFor({ timeout: 240_000 });
  return { map: await result.getAttribute('data-result-map'), stock: await result.getAttribute('data-stock-map') };
};

test('the training worker dies mid-run: noticed within 5 s, said in Japanese, resume ends as an unbroken run', async () => {
  const context = await app.browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-sample]').click();
  await page.locator('[data-imported="64"]').waitFor({ timeout: 60_000 });

  await startRun(page);
  const unbroken = await resultOf(page);

  await startRun(page);
  const deadline = Date.now() + 180_000;
  while ((await savedEpoch(page)) < 1) {
    assert.ok(Date.now() < deadline, 'no epoch was saved in time');
    await page.waitForTimeout(100);
  }
  const worker = page.workers().find((candidate) => candidate.url().includes('training.worker'));
  assert.ok(worker, 'the run has its worker');
  const killed = Date.now();
  await worker.evaluate(() => self.close()).catch(() => {});
  const notice = page.locator('[data-worker-died]');
  await notice.waitFor({ timeout: 10_000 });
  const noticedAfter = Date.now() - killed;
  console.log(`worker death noticed after ${noticedAfter} ms`);
  assert.ok(noticedAfter <= 5000, `noticed after ${noticedAfter} ms`);
  // The sentence is Japanese; the English detail is folded under 詳細.
  const sentence = (await notice.locator('.error-text').textContent()) ?? '';
  assert.match(sentence, /止まりました/);
  assert.doesNotMatch(sentence, /[A-Za-z]{4,}/);

  const card = page.locator('unfinished-run [data-unfinished-run]');
  await card.waitFor({ timeout: 10_000 });
  const stoppedAt = Number(await card.getAttribute('data-epoch'));
  assert.ok(stoppedAt >= 1 && stoppedAt < EPOCHS, `stopped at ${stoppedAt}`);
  await card.locator('button[data-resume]').click();
  const resumed = await resultOf(page);
  assert.deepEqual(resumed, unbroken, 'the resumed run ends with the unbroken run’s model');
  await context.close();
});
