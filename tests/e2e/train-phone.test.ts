// The Train page as a student sees it on a 390×844 touch phone in Japanese: a model imported before
// any photo is offered for comparison (and the card says what is missing), "views per photo" says
// why it is what it is, the ETA counts seconds, the chart's legend has no "--", and the results
// tables fit the screen with no sideways page scroll.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { assertLayout } from '../support/rendered-font.ts';

const app = useAppUnderTest();
const phone = { locale: 'ja-JP', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// The default ball model's heads under another name: a real model, as a classmate would send it.
const modelDir = join(import.meta.dirname, '../../public/models/ball');
const MODEL_NAME = 'となりの班のモデル';
const modelZip = zipSync({
  'model.json': strToU8(
    JSON.stringify({
      ...JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')),
      id: 'neighbour',
      name: MODEL_NAME,
    }),
  ),
  'weights.bin': readFileSync(join(modelDir, 'weights.bin')),
});

/** Fails unless `element` ends inside the 390 px screen and the page cannot scroll sideways. */
async function assertFitsPhone(page: Page, element: Locator, what: string) {
  await element.scrollIntoViewIfNeeded();
  const right = await element.evaluate((el) => el.getBoundingClientRect().right);
  await assertLayout(page, right <= 390, `${what} ends at ${right} px, past the 390 px screen`, element);
  const pageWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
  await assertLayout(
    page,
    pageWidth <= 390,
    `the page scrolls sideways (${pageWidth} px wide) with ${what} on screen`,
    element,
  );
}

test('a model imported before any photo: the comparison offers it and asks for validation photos', async () => {
  const context = await app.browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`${app.server.url}/train`);
  const comparison = page.locator('model-comparison');
  await comparison.getByText('まずモデルを学習させましょう').waitFor();

  await page
    .locator('input[data-model-import]')
    .setInputFiles({ name: 'model.zip', mimeType: 'application/zip', buffer: Buffer.from(modelZip) });
  await page.locator('trained-model-list li[data-model]').waitFor();
  await comparison.locator('[data-compare-no-photos]').waitFor();
  assert.equal(await comparison.getByText('まずモデルを学習させましょう').count(), 0);
  assert.match(
    (await comparison.locator('[data-compare-no-photos]').textContent()) ?? '',
    /検証用の写真がまだありません/,
  );
  assert.equal(await comparison.locator('select option').textContent(), MODEL_NAME);
  assert.equal(await comparison.locator('[data-distribute]').count(), 1);
  await context.close();
});

test('training on a phone: views explained, ETA in seconds, a legend without "--", tables that fit', async () => {
  const context = await app.browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-sample]').click();
  await page.locator('[data-imported="64"]').waitFor({ timeout: 60_000 });

  await page.goto(`${app.server.url}/train`);
  const dataset = page.locator('[data-train]');
  await dataset.waitFor();
  const photos = Number(await dataset.getAttribute('data-train'));
  // The number is chosen from the photos, and the page says so beside it.
  const views = page.locator('input[data-views]');
  assert.equal(await views.inputValue(), '3');
  const hint = page.locator('#views-hint');
  assert.match(
    (await hint.textContent()) ?? '',
    new RegExp(`ビューとは[\\s\\S]*自動で 3 にしています。学習用の写真が ${photos} 枚`),
  );
  assert.equal(await views.getAttribute('aria-describedby'), 'views-hint');

  await page.getByLabel('エポック数').fill('2');
  await page.getByLabel('エポック数').dispatchEvent('change');
  await views.fill('1');
  await views.dispatchEvent('change');
  assert.match(
    (await hint.textContent()) ?? '',
    new RegExp(`1 を選びました。学習用の写真 ${photos} 枚なら、自動では 3 です`),
  );

  await page.locator('[data-start]').click();
  const result = page.locator('[data-result-map]');
  const eta = page.locator('train-page [data-eta]');
  const etas = new Set<string>();
  const deadline = Date.now() + 240_000;
  while (!(await result.count()) && Date.now() < deadline) {
    const shown = (await eta.count()) ? ((await eta.textContent()) ?? '').trim() : '';
    if (shown) etas.add(shown);
    await page.waitForTimeout(250);
  }
  await result.waitFor({ timeout: 1000 });
  assert.ok(etas.size > 0, 'an ETA was shown while training');
  // Near the end less than a minute is left: that counts seconds, never "0 分".
  assert.ok(
    [...etas].some((shown) => shown.endsWith(' 秒')),
    `ETAs in seconds among ${[...etas].join(' | ')}`,
  );
  for (const shown of etas) {
    assert.match(shown, /^残り約 (\d+ 時間 )?(\d+ 分 )?\d+ (分|秒|時間)$/, `ETA "${shown}"`);
    assert.doesNotMatch(shown, /約 0 分/);
  }
  assert.match((await result.textContent()) ?? '', /\d+ 秒/);

  const legend = page.locator('learning-curve line-chart .u-legend');
  assert.match((await legend.textContent()) ?? '', /学習の損失/);
  assert.doesNotMatch((await legend.textContent()) ?? '', /--/);

  const table = page.locator('learning-curve .scroll > table');
  await assertFitsPhone(page, table, 'the learning-curve table');
  const cut = await table.evaluate((el) =>
    [...el.querySelectorAll('th')].filter((th) => th.scrollWidth > th.clientWidth).map((th) => th.textContent),
  );
  await assertLayout(page, cut.length === 0, `header cells cut short: ${JSON.stringify(cut)}`, table.locator('th'));
  assert.ok(
    await table.evaluate(
      (el) => (el.parentElement as HTMLElement).scrollWidth <= (el.parentElement as HTMLElement).clientWidth,
    ),
    'the table scrolls sideways inside its card',
  );
  await shot(page, 'train-done');

  await page.locator('model-comparison').getByRole('button', { name: '比べる', exact: true }).click();
  const summary = page.locator('model-comparison table[data-stock]');
  await summary.waitFor({ timeout: 180_000 });
  await assertFitsPhone(page, summary, 'the comparison table');
  await shot(page, 'train-compared');
  await context.close();
});

/** A full-page picture for a person to look at, when SHOTS_DIR names a folder. */
async function shot(page: Page, name: string) {
  if (process.env.SHOTS_DIR)
    await page.screenshot({ path: join(process.env.SHOTS_DIR, `${name}.png`), fullPage: true });
}
