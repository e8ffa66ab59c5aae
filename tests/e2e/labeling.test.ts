// The labeling studio on a phone-sized, touch-only viewport: import photos (bad files reported,
// nothing lost), accept the model's suggestions, draw a box with a finger, pinch-zoom, mark a photo
// "no ball", export a COCO zip and import it back identical on a fresh device.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistentChromium } from '../../scripts/lib/chromium.ts';
import type { BoxLabeler } from '../../src/features/labeling/box-labeler.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { samplePhoto } from '../support/sample-photo.ts';
import { touch, waitUntil } from '../support/touch.ts';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'en-US' };

const app = useAppUnderTest();

interface Stats {
  images: number;
  boxes: number;
  negatives: number;
  unlabeled: number;
}

async function stats(page: Page): Promise<Stats> {
  return JSON.parse((await page.locator('[data-stats]').getAttribute('data-stats')) ?? '{}');
}

async function exportZip(page: Page): Promise<Record<string, Uint8Array>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export]').click()]);
  return unzipSync(readFileSync(await download.path()));
}

/** Per image in order: size, "no ball", boxes (rounded to 0.01 px) with labels, and the image bytes. */
function contents(entries: Record<string, Uint8Array>) {
  const coco = JSON.parse(strFromU8(entries['annotations.json'] as Uint8Array));
  const names = new Map(coco.categories.map((c: { id: number; name: string }) => [c.id, c.name]));
  return coco.images.map(
    (image: { id: number; file_name: string; width: number; height: number; tama_negative: boolean }) => ({
      size: [image.width, image.height],
      negative: image.tama_negative,
      boxes: coco.annotations
        .filter((a: { image_id: number }) => a.image_id === image.id)
        .map((a: { bbox: number[]; category_id: number }) => ({
          label: names.get(a.category_id),
          bbox: a.bbox.map((v) => Math.round(v * 100) / 100),
        })),
      bytes: Buffer.from(entries[image.file_name] as Uint8Array).toString('base64'),
    }),
  );
}

test('a full device: nothing is imported, and the user is told', async () => {
  // Quota overrides bind only a profile on disk (not an incognito context), set before its first write.
  const profile = mkdtempSync(join(tmpdir(), 'tama-quota-'));
  // No service worker: its precache (the 9 MB model) would race the photos for the tiny quota.
  const context = await launchPersistentChromium(profile, { ...phone, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`${app.server.url}/label`);
    await page.locator('[data-dataset-count="0"]').waitFor();
    // Chromium's own quota enforcement, shrunk below what the sample dataset (3 MB) needs.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: app.server.url, quotaSize: 1024 * 1024 });
    await page.locator('input[data-import]').setInputFiles([samplePhoto('s1-00001.jpg')]);
    await page.locator('[data-dataset-count="1"]').waitFor();
    await page.getByRole('button', { name: 'Add the sample ball dataset' }).tap();
    await page
      .locator('[data-import-error]')
      .getByText('storage is full: nothing was imported')
      .waitFor({ timeout: 30_000 });
    await page.reload();
    await page.locator('[data-dataset-count="1"]').waitFor();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('label on a phone: import, suggestions, finger drawing, pinch, no-ball, export → import identical', async () => {
  let context: BrowserContext = await app.browser.newContext({ ...phone, acceptDownloads: true });
  let page = await context.newPage();
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-dataset-count="0"]').waitFor();

  // Two good photos, a text file and a corrupt JPEG: the good ones land, the others are explained.
  await page
    .locator('input[data-import]')
    .setInputFiles([
      samplePhoto('s1-00001.jpg'),
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
      { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
      samplePhoto('s1-00002.jpg'),
    ]);
  await page.locator('[data-imported="2"][data-skipped="2"]').waitFor({ timeout: 30_000 });
  assert.match(
    (await page.locator('[data-imported]').textContent()) ?? '',
    /notes\.txt.*not an image[\s\S]*broken\.jpg.*corrupt/,
  );

  // A broken zip changes nothing.
  await page
    .locator('input[data-import]')
    .setInputFiles([{ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 nope') }]);
  await page.locator('[data-imported="0"][data-skipped="1"]').waitFor();
  assert.deepEqual(await stats(page), { ...(await stats(page)), images: 2, unlabeled: 2 });

  // On a phone the editor is a view of its own: the first unlabeled photo opens in it, with the model's
  // proposals (stock COCO "sports ball").
  await page.locator('[data-open-editor]').tap();
  const suggestState = page.locator('label-editor [data-suggest-state]');
  await page.locator('label-editor [data-suggest-state="done"]').waitFor({ timeout: 90_000 });
  const proposed = Number(await suggestState.getAttribute('data-suggestions'));
  assert.ok(proposed >= 1, `the model proposed ${proposed} boxes`);
  await page.getByRole('button', { name: /Accept all/ }).tap();
  await waitUntil(async () => (await stats(page)).boxes === proposed);

  // A box drawn with a finger in an empty corner of the photo.
  const labeler = page.locator('box-labeler');
  const boxCount = () => labeler.evaluate((element) => (element as BoxLabeler).boxes.length);
  await labeler.scrollIntoViewIfNeeded();
  const area = (await labeler.boundingBox()) as { x: number; y: number; width: number; height: number };
  const cdp = await context.newCDPSession(page);
  await touch(cdp, [
    [
      [area.x + area.width * 0.04, area.y + area.height * 0.05],
      [area.x + area.width * 0.14, area.y + area.height * 0.18],
    ],
  ]);
  await waitUntil(async () => (await boxCount()) === proposed + 1);

  // Two fingers spread apart: a zoom, not a box.
  const cx = area.x + area.width / 2;
  const cy = area.y + area.height / 2;
  await touch(cdp, [
    [
      [cx - 20, cy],
      [cx - 80, cy],
    ],
    [
      [cx + 20, cy],
      [cx + 80, cy],
    ],
  ]);
  const zoom = await labeler.evaluate((element) => (element as unknown as { zoom: number }).zoom);
  assert.ok(zoom > 2, `pinch zoomed to ${zoom}`);
  assert.equal(
    await labeler.evaluate((element) => (element as unknown as { boxes: unknown[] }).boxes.length),
    proposed + 1,
  );

  // Next photo (button), declared "no ball" after rejecting whatever the model proposed.
  await page.locator('[data-nav="next"]').tap();
  await page.locator('label-editor [data-suggest-state="done"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-position="2"]').waitFor();
  // Copy the previous photo's boxes (as for a burst), then take that back with the keyboard.
  await page.getByRole('button', { name: 'Copy boxes from previous photo' }).tap();
  assert.equal(await boxCount(), proposed + 1);
  await labeler.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await boxCount(), 0);
  if (Number(await suggestState.getAttribute('data-suggestions')) > 0)
    await page.getByRole('button', { name: 'Reject all' }).tap();
  await page.locator('[data-negative]').check();
  await waitUntil(async () => (await stats(page)).negatives === 1);

  // P and N walk through the photos from the keyboard.
  await labeler.focus();
  await page.keyboard.press('p');
  await page.locator('[data-position="1"]').waitFor();
  await page.keyboard.press('n');
  await page.locator('[data-position="2"]').waitFor();

  // Everything survives a reload.
  await page.reload();
  await page.locator('[data-dataset-count="2"]').waitFor();
  const labelled = await stats(page);
  assert.deepEqual(
    { images: labelled.images, boxes: labelled.boxes, negatives: labelled.negatives, unlabeled: labelled.unlabeled },
    { images: 2, boxes: proposed + 1, negatives: 1, unlabeled: 0 },
  );

  const exported = await exportZip(page);
  await context.close();

  // A fresh device imports the export and exports it again: the same photos, boxes and marks.
  context = await app.browser.newContext({ ...phone, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-dataset-count="0"]').waitFor();
  await page
    .locator('input[data-import]')
    .setInputFiles([
      { name: 'tama-lab-dataset.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(exported)) },
    ]);
  await page.locator('[data-imported="2"][data-skipped="0"]').waitFor({ timeout: 30_000 });
  const again = await exportZip(page);
  assert.deepEqual(contents(again), contents(exported));
  await context.close();
});

test('photos dropped on the page or pasted are added, downscaled to the max side', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${app.server.url}/label`);
  await page.locator('[data-dataset-count="0"]').waitFor();
  // Playwright cannot drag files from the OS; the browser's own DataTransfer carries a real file.
  const transfer = await page.evaluateHandle(async () => {
    const canvas = new OffscreenCanvas(2400, 1600);
    const context2d = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context2d.fillStyle = '#4a4';
    context2d.fillRect(0, 0, 2400, 1600);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg' });
    const data = new DataTransfer();
    data.items.add(new File([blob], 'big-photo.jpg', { type: 'image/jpeg' }));
    return data;
  });
  await page.locator('section.drop').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('section.drop').dispatchEvent('drop', { dataTransfer: transfer });
  await page.locator('[data-dataset-count="1"]').waitFor();
  await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(64, 48);
    canvas.getContext('2d')?.fillRect(0, 0, 10, 10);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const data = new DataTransfer();
    data.items.add(new File([blob], 'pasted.png', { type: blob.type }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await page.locator('[data-dataset-count="2"]').waitFor();
  const sizes = await page.evaluate(
    () =>
      new Promise<number[][]>((resolve) => {
        const open = indexedDB.open('tama-lab-dataset');
        open.onsuccess = () => {
          const request = open.result.transaction('images').objectStore('images').index('by-created').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result.map((image: { width: number; height: number }) => [image.width, image.height]));
          };
        };
      }),
  );
  assert.deepEqual(sizes, [
    [1280, 853],
    [64, 48],
  ]);
  await context.close();
});
