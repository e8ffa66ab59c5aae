// 教師チェック on a 390×844 phone in Japanese: the sample with the seeded mistakes is imported,
// checked, and reviewed — one of each kind fixed with one tap (add, delete, snap, change class), the
// others kept as "the label was right" — the fixes are stored with the photos, each photo leaves the
// queue once nothing is left on it, and after a reload the decisions still hold. Nothing on the way is
// in English. The per-student summary also opens for the projector.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { BoxNoiseKind } from '../../src/dataset/box-noise.ts';
import { FIXES_FOR } from '../../src/dataset/label-review.ts';
import { iou } from '../../src/model/geometry.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { cocoZip, injectedSample } from '../support/injected-sample.ts';
import { storedImages } from '../support/stored-images.ts';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'ja-JP' };
const app = useAppUnderTest();
const english = /[A-Za-z]{4,}/;

/** The review's text without the class names and numbers, which are the user's own. */
const reviewText = (page: Page) =>
  page.locator('suspect-review').evaluate((element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));

test('phone (ja): check the sample with seeded mistakes, fix one of each kind in the review queue', async () => {
  const context = await app.browser.newContext(phone);
  const page = await context.newPage();
  const { photos } = injectedSample(1);
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-dataset-count="0"]').waitFor();
  await page.locator('input[data-import]').setInputFiles({
    name: 'class-photos.zip',
    mimeType: 'application/zip',
    buffer: cocoZip(photos),
  });
  await page.locator('[data-dataset-count="64"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-open-editor]').waitFor();

  const card = page.locator('label-check-card');
  await card.locator('[data-check]').click();
  await card.locator('[data-running]').waitFor();
  await card.locator('[data-check-result]').waitFor({ timeout: 240_000 });
  const pendingBefore = Number(await card.locator('[data-check-result]').getAttribute('data-pending'));
  for (const kind of ['missed', 'extra', 'loose', 'class'])
    assert.ok(
      Number(await card.locator(`li[data-kind="${kind}"]`).getAttribute('data-count')) > 0,
      `no ${kind} suspect`,
    );
  assert.doesNotMatch(((await card.locator('section').textContent()) ?? '').replace(/mAP@0\.5|WASM/g, ''), english);
  await card.locator('section').screenshot({ path: '/tmp/label-check-card-390.png' });

  // The teacher's per-student view, on the projector.
  await card.locator('[data-project]').click();
  await card.locator('[data-presenter]').waitFor();
  assert.match((await card.locator('[data-presenter]').textContent()) ?? '', /見直す枠/);
  await page.keyboard.press('Escape');
  await card.locator('[data-presenter]').waitFor({ state: 'detached' });

  await card.locator('[data-review]').click();
  const review = page.locator('suspect-review section');
  await review.waitFor();
  assert.equal((await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)) >= 0, true);
  await page.screenshot({ path: '/tmp/label-check-review-390.png' });

  const fixed = new Map<BoxNoiseKind, { photo: string; action: string; box: number[]; label: string }>();
  let decisions = 0;
  for (let step = 0; step < 80 && fixed.size < 4; step++) {
    const kind = (await review.getAttribute('data-suspect-kind')) as BoxNoiseKind;
    const left = Number(await review.getAttribute('data-left'));
    assert.doesNotMatch((await reviewText(page)).replace(/小さいボール|大きいボール/g, ''), english);
    const suspect = await page.locator('label-editor').evaluate((editor) => {
      const first = (editor as unknown as { suspects: { imageId: string; box: number[]; label: string }[] })
        .suspects[0];
      return first && { imageId: first.imageId, box: first.box, label: first.label };
    });
    assert.ok(suspect, 'the editor shows a suspect');
    const action = fixed.has(kind) ? 'keep' : (FIXES_FOR[kind][0] as string);
    if (action !== 'keep') fixed.set(kind, { photo: suspect.imageId, action, box: suspect.box, label: suspect.label });
    await review.locator(`button[data-fix="${action}"]`).click();
    decisions++;
    // Either the next suspect on this photo, the next photo, or the end of the queue.
    await page.waitForFunction(
      ([before, box]) => {
        const editor = document.querySelector('label-page')?.shadowRoot?.querySelector('label-editor') as unknown as {
          suspects: { box: number[] }[];
        } | null;
        const first = editor?.suspects[0];
        return !first || first.box.join() !== (box as number[]).join() || before === 0;
      },
      [left, suspect.box] as const,
    );
  }
  assert.equal(fixed.size, 4, `fixed ${[...fixed.keys()].join(', ')}`);

  // Every fix is stored with its photo.
  const stored = new Map((await storedImages(page)).map((image) => [image.id, image]));
  const byName = (await storedImages(page)).length;
  assert.equal(byName, 64);
  const holds = (photoId: string, test: (boxes: { box: number[]; label: string }[]) => boolean) =>
    [...stored.values()].some((image) => image.id === photoId && test(image.boxes));
  const missed = fixed.get('missed');
  const extra = fixed.get('extra');
  const loose = fixed.get('loose');
  const wrong = fixed.get('class');
  assert.ok(
    missed && holds(missed.photo, (boxes) => boxes.some((b) => iou(b.box as never, missed.box as never) > 0.9)),
  );
  assert.ok(extra && holds(extra.photo, (boxes) => boxes.every((b) => iou(b.box as never, extra.box as never) < 0.9)));
  assert.ok(loose && holds(loose.photo, (boxes) => boxes.every((b) => iou(b.box as never, loose.box as never) < 0.95)));
  assert.ok(
    wrong &&
      holds(wrong.photo, (boxes) =>
        boxes.every((b) => b.label !== wrong.label || iou(b.box as never, wrong.box as never) < 0.95),
      ),
  );

  // After a reload the decisions hold: those suspects are not asked about again.
  await page.reload();
  await card.locator('[data-check-result]').waitFor();
  const pendingAfter = Number(await card.locator('[data-check-result]').getAttribute('data-pending'));
  assert.equal(pendingAfter, pendingBefore - decisions);
  await context.close();
});
