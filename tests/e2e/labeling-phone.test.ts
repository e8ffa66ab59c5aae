// Labeling with a finger on a 390×844 phone in Japanese, and on a 1920×1080 projector: the editor is a
// view of its own (photo on top, a bar under the thumb, no page scroll while drawing), one box is
// deleted and one suggestion rejected by touch, a box drawn right beside another leaves it alone, and
// nothing on the way is in English. On the projector the photo and its tools fit the screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { BoxLabeler } from '../../src/features/labeling/box-labeler.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { assertLayout } from '../support/rendered-font.ts';
import { samplePhoto } from '../support/sample-photo.ts';
import { type Point, touch, waitUntil } from '../support/touch.ts';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'ja-JP' };
/** A handle's touch area, in screen pixels from its centre (a 44 px target). */
const HANDLE_REACH = 22;

const app = useAppUnderTest();

type Rect = { x: number; y: number; width: number; height: number };

const boxesOf = (labeler: Locator) =>
  labeler.evaluate((element) => (element as BoxLabeler).boxes.map((b) => b.box as number[]));
const suggestionsOf = (labeler: Locator) =>
  labeler.evaluate((element) => (element as BoxLabeler).suggestions.map((s) => s.box as number[]));
const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/** A box in image pixels → where it is on the screen. */
async function onScreen(labeler: Locator, [x, y, w, h]: number[]): Promise<Rect> {
  const area = (await labeler.boundingBox()) as Rect;
  const k = area.width / (await labeler.evaluate((element) => (element as BoxLabeler).imageWidth));
  return {
    x: area.x + (x as number) * k,
    y: area.y + (y as number) * k,
    width: (w as number) * k,
    height: (h as number) * k,
  };
}

test('phone (ja): a view of its own, thumb bar, delete / reject / draw beside by touch, no page scroll', async () => {
  const context = await app.browser.newContext(phone);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-dataset-count="0"]').waitFor();
  await page
    .locator('input[data-import]')
    .setInputFiles([
      samplePhoto('s1-00001.jpg'),
      samplePhoto('s1-00002.jpg'),
      samplePhoto('s1-00003.jpg'),
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
    ]);
  await page.locator('[data-imported="3"][data-skipped="1"]').waitFor({ timeout: 60_000 });

  // The file left out is explained in Japanese; its English detail is folded away.
  const reason = page.locator('[data-skip-reason]');
  assert.doesNotMatch((await reason.textContent()) ?? '', /[A-Za-z]{3,}/);
  assert.equal(await page.locator('[data-skip] details').evaluate((d) => (d as HTMLDetailsElement).open), false);
  assert.equal(await page.getByText('not an image (text/plain)').isVisible(), false);

  // The gallery's split chips speak Japanese, like its filters.
  const chips = await page.locator('dataset-gallery .thumbs .split').allTextContents();
  assert.equal(chips.length, 3);
  for (const chip of chips) assert.ok(['学習用', '検証用'].includes(chip), `chip "${chip}"`);
  assert.match((await page.locator('[data-split-note]').textContent()) ?? '', /設定は 25 %/);

  // Opening a photo from the gallery, far down the page, enters the editor's own view.
  await page.locator('dataset-gallery .thumbs [data-id]').first().tap();
  const view = page.locator('section.editor[role="dialog"][aria-modal="true"]');
  await view.waitFor();
  const scrolled = await scrollY(page);
  assert.ok(scrolled > 0, `the page behind was scrolled to the gallery (${scrolled})`);
  assert.ok(
    await page.evaluate(() => document.documentElement.scrollHeight > innerHeight + 100),
    'the page behind could scroll',
  );
  const labeler = view.locator('box-labeler');
  const photo = (await labeler.boundingBox()) as Rect;
  assert.ok(photo.y < 844 / 4 && photo.width >= 380, `photo on top, full width: ${JSON.stringify(photo)}`);
  // The bar: previous, undo, redo, delete, accept all, no ball, next — in the bottom third, 44 px or more.
  const bar = view.locator('label-editor .bar > *');
  assert.equal(await bar.count(), 7);
  for (const control of await bar.all()) {
    const box = (await control.boundingBox()) as Rect;
    const reachable = box.y >= (844 * 2) / 3 && box.y + box.height <= 844;
    await assertLayout(page, reachable, `in thumb reach: ${JSON.stringify(box)}`, control);
    await assertLayout(page, box.width >= 44 && box.height >= 44, `a 44 px target: ${JSON.stringify(box)}`, control);
  }

  // Reject one suggestion with a finger: tap it, then ✕.
  await page.locator('label-editor [data-suggest-state="done"]').waitFor({ timeout: 120_000 });
  const proposed = await suggestionsOf(labeler);
  assert.ok(proposed.length >= 1, `the model proposed ${proposed.length} boxes`);
  const target = await onScreen(labeler, proposed[0] as number[]);
  await page.touchscreen.tap(target.x + target.width / 2, target.y + target.height / 2);
  await page.getByRole('button', { name: 'この提案を却下' }).tap();
  await waitUntil(async () => (await suggestionsOf(labeler)).length === proposed.length - 1);
  assert.deepEqual(await suggestionsOf(labeler), proposed.slice(1));
  assert.deepEqual(await boxesOf(labeler), []);

  // Draw a box: the page behind does not move.
  const [a1, a2]: [Point, Point] = [
    [photo.x + photo.width * 0.08, photo.y + photo.height * 0.6],
    [photo.x + photo.width * 0.38, photo.y + photo.height * 0.84],
  ];
  await touch(cdp, [[a1, a2]], 8);
  await waitUntil(async () => (await boxesOf(labeler)).length === 1);
  assert.equal(await scrollY(page), scrolled, 'drawing scrolled the page');
  const [neighbour] = (await boxesOf(labeler)) as [number[]];

  // Right beside it (4 px off its east edge, clear of its handles' touch areas): a new box; the neighbour stays.
  const a = await onScreen(labeler, neighbour);
  const start: Point = [a.x + a.width + 4, a.y + a.height / 2];
  const handles: Point[] = [
    [a.x + a.width, a.y],
    [a.x + a.width, a.y + a.height],
    ...(a.height >= 4 * HANDLE_REACH ? [[a.x + a.width, a.y + a.height / 2] as Point] : []),
  ];
  for (const [hx, hy] of handles) assert.ok(Math.hypot(start[0] - hx, start[1] - hy) > HANDLE_REACH);
  await touch(cdp, [[start, [start[0] + 60, start[1] + 30]]], 8);
  await waitUntil(async () => (await boxesOf(labeler)).length === 2);
  const [kept, drawn] = (await boxesOf(labeler)) as [number[], number[]];
  assert.deepEqual(kept, neighbour);
  assert.ok((drawn[0] as number) > (neighbour[0] as number) + (neighbour[2] as number), 'the new box starts beside');

  // Delete one box with a finger: tap it, then the bar's delete.
  await page.touchscreen.tap(a.x + a.width / 2, a.y + a.height / 2);
  await page.getByRole('button', { name: '選んだ枠を削除' }).tap();
  await waitUntil(async () => (await boxesOf(labeler)).length === 1);
  assert.deepEqual(await boxesOf(labeler), [drawn]);
  assert.equal(await scrollY(page), scrolled, 'touching the photo scrolled the page');

  // Closing the view goes back to the page where it was.
  await page.getByRole('button', { name: '写真の一覧に戻る' }).tap();
  await view.waitFor({ state: 'detached' });
  await page.locator('[data-open-editor]').waitFor();
  await context.close();
});

test('projector (ja, 1920×1080): the opened photo and all its tools, suggestions included, fit the screen', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-dataset-count="0"]').waitFor();
  await page.locator('input[data-import]').setInputFiles([samplePhoto('s1-00001.jpg'), samplePhoto('s1-00002.jpg')]);
  await page.locator('[data-imported="2"]').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '今すぐラベルを付ける' }).click();
  await page.locator('label-editor [data-suggest-state="done"]').waitFor({ timeout: 120_000 });
  const editor = page.locator('section.editor');
  const inside = async (locator: Locator) => {
    const box = (await locator.boundingBox()) as Rect;
    return box.y >= 0 && box.x >= 0 && box.y + box.height <= 1080 && box.x + box.width <= 1920;
  };
  // The editor was scrolled into view (smoothly): wait for it to settle.
  await waitUntil(() => inside(editor));
  const shown = [
    editor.locator('box-labeler'),
    editor.locator('[data-suggest-state] [role="status"]'),
    editor.getByRole('button', { name: 'すべて却下' }),
    editor.getByRole('button', { name: /すべて採用/ }),
    ...(await editor.locator('label-editor .bar > *').all()),
  ];
  for (const locator of shown)
    await assertLayout(page, await inside(locator), `${locator} is within 1920×1080`, locator);
  await context.close();
});
