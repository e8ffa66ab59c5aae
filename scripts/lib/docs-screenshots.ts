// The screenshots the guides in docs/ show, in Japanese: one lesson walked through on the built app with
// Chromium's fake camera and the sample photos (64 photos with seeded label mistakes, so the label check
// has something to find). Phone shots at 390×844, projector shots at 1920×1080. It writes every file in
// DOCS_SHOTS (docs-shots.ts) and nothing else; tests/lint/docs-links.test.ts holds the guides to that set.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { cocoZip, injectedSample } from '../../tests/support/injected-sample.ts';
import type { DocsShot as Shot } from './docs-shots.ts';
import { openFakeCameraApp } from './live-view.ts';

const PHONE = { width: 390, height: 844 };
/** Six students took the class's photos, in turn. */
const STUDENTS = ['田中', '佐藤', '鈴木', '高橋', '伊藤', '渡辺'];
const PROJECTOR = { width: 1920, height: 1080 };

export async function writeDocsScreenshots(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const { server, browser, close } = await openFakeCameraApp();
  const written: string[] = [];
  const shoot = async (page: Page, name: Shot) => {
    const file = join(outDir, `${name}.png`);
    // A toast that happens to be up ("ready to work offline", "training finished") would hide the page.
    const closers = page.locator('toast-host').getByRole('button', { name: '閉じる' });
    while ((await closers.count()) > 0) await closers.first().click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: file });
    written.push(file);
    console.log(file);
  };
  try {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: 'ja-JP',
      permissions: ['camera'],
      hasTouch: true,
    });
    const page = await context.newPage();
    const open = (path: string) => page.goto(`${server.url}/${path}`);

    // The live view, on a phone and in presenter mode on the projector.
    await open('detect');
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 180_000 });
    await page.getByRole('button', { name: 'カメラを起動' }).click();
    await page.locator('detection-overlay[data-count]:not([data-count="0"])').waitFor({ timeout: 120_000 });
    await shoot(page, 'phone-detect-live');
    await page.setViewportSize(PROJECTOR);
    await page.getByRole('button', { name: 'プレゼンターモード' }).click();
    await page.waitForTimeout(1500);
    await shoot(page, 'projector-detect');
    await page.keyboard.press('Escape');

    // A class's photos, merged on the teacher's laptop: the gallery, the editor, the label check.
    await page.setViewportSize(PHONE);
    await open('label');
    await page.locator('[data-dataset-count="0"]').waitFor();
    await page.locator('input[data-import]').setInputFiles({
      name: 'class-photos.zip',
      mimeType: 'application/zip',
      buffer: cocoZip(injectedSample(1).photos, (index) => STUDENTS[index % STUDENTS.length] as string),
    });
    await page.locator('[data-dataset-count="64"]').waitFor({ timeout: 60_000 });
    await shoot(page, 'phone-label-gallery');
    await page.locator('[data-open-editor]').click();
    await page.locator('label-editor').waitFor();
    // The first photos lost all their boxes to the seeded mistakes: show one that has boxes.
    const boxes = page.locator('label-editor box-labeler rect[data-box]');
    for (let step = 0; step < 10 && (await boxes.count()) === 0; step++) {
      await page
        .getByRole('button', { name: /^次の写真/ })
        .first()
        .click();
      await page.waitForTimeout(300);
    }
    await page.waitForTimeout(1500);
    await shoot(page, 'phone-label-editor');
    await page.getByRole('button', { name: '写真の一覧に戻る' }).click();

    const card = page.locator('label-check-card');
    await card.locator('[data-check]').click();
    await card.locator('[data-check-result]').waitFor({ timeout: 240_000 });
    await card
      .locator('section')
      .first()
      .evaluate((section) => section.scrollIntoView({ block: 'start' }));
    await shoot(page, 'phone-label-check');
    await page.setViewportSize(PROJECTOR);
    await card.locator('[data-project]').click();
    await card.locator('[data-presenter]').waitFor();
    await shoot(page, 'projector-check-students');
    await page.keyboard.press('Escape');
    await page.setViewportSize(PHONE);
    await card.locator('[data-review]').click();
    await page.locator('suspect-review section').waitFor();
    await shoot(page, 'phone-label-review');

    // The class model: a short run, then stock against the class model on the projector.
    await open('train');
    await page.locator('[data-train]').waitFor();
    await page.getByLabel('エポック数').fill('3');
    await page.getByLabel('エポック数').dispatchEvent('change');
    await page.locator('[data-start]').click();
    await page.locator('[data-result-map]').waitFor({ timeout: 300_000 });
    // The learning curve, its table and the result together, below the sticky header.
    await page.locator('learning-curve').evaluate((curve) => {
      curve.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -72);
    });
    await shoot(page, 'phone-train');
    await page.getByRole('button', { name: '比べる', exact: true }).click();
    await page.locator('model-comparison table[data-stock]').waitFor({ timeout: 180_000 });
    await page.setViewportSize(PROJECTOR);
    await page.locator('[data-presenter-open]').click();
    await page.locator('comparison-presenter [data-presenter]').waitFor();
    await shoot(page, 'projector-compare');
    await page.keyboard.press('Escape');

    await open('share');
    await page.locator('[data-share-qr] svg').waitFor();
    await shoot(page, 'projector-share-qr');

    await page.setViewportSize(PHONE);
    await open('mnist');
    await page.waitForTimeout(1500);
    await shoot(page, 'phone-mnist');
    await context.close();
  } finally {
    await close();
  }
  return written;
}
