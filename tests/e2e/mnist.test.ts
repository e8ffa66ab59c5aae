// The MNIST page in the built app: counts read from the real data, a quick training run in the
// worker (its ETA in seconds, its chart legend), its confusion matrix fitting a 390 px phone, the
// mistakes, the drawing pad answering, and offline use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useAppUnderTest } from '../support/app-under-test.ts';

const app = useAppUnderTest();

test('MNIST: real counts, a quick run, confusion matrix, mistakes, and the drawing pad', async () => {
  const context = await app.browser.newContext({
    locale: 'ja-JP',
    viewport: { width: 390, height: 844 },
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`${app.server.url}/mnist`);
  await page.locator('[data-train-count="60000"][data-test-count="10000"]').waitFor({ timeout: 60_000 });
  assert.match((await page.locator('[data-train-count]').textContent()) ?? '', /60,000[\s\S]*10,000/);

  await page.locator('[data-mnist-subset]').selectOption('2000');
  await page.locator('[data-mnist-epochs]').fill('2');
  await page.locator('[data-mnist-epochs]').dispatchEvent('change');
  await page.locator('[data-mnist-backend]').selectOption('wasm');
  await page.locator('[data-mnist-train]').click();
  const result = page.locator('[data-test-accuracy]');
  // Every ETA shown on the way, in Japanese words with seconds under a minute ("残り約 40 秒").
  const eta = page.locator('mnist-training-card [data-eta]');
  const etas = new Set<string>();
  const trainingEnds = Date.now() + 180_000;
  while (!(await result.count()) && Date.now() < trainingEnds) {
    const shown = (await eta.count()) ? ((await eta.textContent()) ?? '').trim() : '';
    if (shown) etas.add(shown);
    await page.waitForTimeout(200);
  }
  await result.waitFor({ timeout: 1000 });
  assert.ok(etas.size > 0, 'an ETA was shown while training');
  // Near the end less than a minute is left: that counts seconds, never "0 分".
  assert.ok(
    [...etas].some((shown) => shown.endsWith(' 秒')),
    `ETAs in seconds among ${[...etas].join(' | ')}`,
  );
  for (const shown of etas) assert.match(shown, /^· 残り約 (\d+ 時間 )?(\d+ 分 )?\d+ (分|秒|時間)$/, `ETA "${shown}"`);
  const accuracy = Number(await result.getAttribute('data-test-accuracy'));
  assert.ok(accuracy > 0.85, `test accuracy ${accuracy} on 10,000 digits after 2,000 × 2 epochs`);
  const cells = await page.locator('confusion-matrix td').allTextContents();
  assert.equal(cells.length, 100);
  assert.equal(
    cells.map(Number).reduce((a, b) => a + b, 0),
    10_000,
  );
  await page.locator('digit-gallery canvas').nth(80).waitFor();

  // The whole 10×10 matrix on the phone's screen, and nothing scrolls the page sideways.
  const matrix = page.locator('confusion-matrix table');
  await matrix.scrollIntoViewIfNeeded();
  const right = await matrix.evaluate((el) => el.getBoundingClientRect().right);
  assert.ok(right <= 390, `the confusion matrix ends at ${right} px`);
  const clipped = await matrix.evaluate(
    (el) => [...el.querySelectorAll('td, th')].filter((cell) => cell.scrollWidth > cell.clientWidth).length,
  );
  assert.equal(clipped, 0, 'confusion-matrix cells with their count cut');
  assert.ok(
    (await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)) <= 390,
    'the page scrolls sideways',
  );
  const legend = (await page.locator('mnist-training-card line-chart .u-legend').textContent()) ?? '';
  assert.match(legend, /テストの正解率/);
  assert.doesNotMatch(legend, /--/);

  // Draw a "1": a vertical stroke with a finger.
  const pad = page.locator('digit-pad canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox()) as { x: number; y: number; width: number; height: number };
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++)
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.15 + step * 0.07));
  await page.mouse.up();
  const bars = page.locator('.pad .bars span:not(.bar)');
  const sum = async () =>
    (await bars.allTextContents()).map((text) => Number.parseFloat(text)).reduce((x, y) => x + y, 0);
  const deadline = Date.now() + 20_000;
  while (Math.abs((await sum()) - 100) > 1 && Date.now() < deadline) await page.waitForTimeout(200);
  assert.ok(Math.abs((await sum()) - 100) <= 1, `the pad's ten probabilities sum to ${await sum()} %`);
  await context.close();
});
