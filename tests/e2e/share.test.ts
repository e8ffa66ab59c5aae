// End-to-end: the share screen, reachable from every page, shows a QR code that really decodes to the
// app's address (decoded here with jsQR), the address as text, and copies it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import jsQR from 'jsqr';
import { useAppUnderTest } from '../support/app-under-test.ts';

const app = useAppUnderTest();

test('share screen: reachable from every page, the QR code decodes to the app URL, copy link', async () => {
  const context = await app.browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
  const page = await context.newPage();
  try {
    for (const path of ['/detect', '/label', '/train', '/mnist', '/about']) {
      await page.goto(`${app.server.url}${path}`);
      assert.equal(await page.locator('a[data-share]').getAttribute('href'), '/share', path);
    }
    await page.locator('a[data-share]').click();
    await page.locator('h1', { hasText: 'アプリを共有' }).waitFor();
    const expected = `${app.server.url}/`;
    assert.equal(await page.locator('[data-share-url]').textContent(), expected);

    // Draw the QR's SVG on a canvas at its on-screen size and decode the pixels.
    const image = await page.locator('[data-share-qr] svg').evaluate(async (svg) => {
      const { width, height } = svg.getBoundingClientRect();
      const img = new Image();
      // A blob: URL, as the app's CSP allows for images (data: it refuses).
      const markup = new XMLSerializer().serializeToString(svg);
      img.src = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
      await img.decode();
      const canvas = new OffscreenCanvas(Math.round(width), Math.round(height));
      const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      return {
        width: canvas.width,
        height: canvas.height,
        data: [...ctx.getImageData(0, 0, canvas.width, canvas.height).data],
      };
    });
    assert.ok(image.width >= 300, `QR is ${image.width} px wide on a phone`);
    const decoded = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
    assert.equal(decoded?.data, expected);

    await page.getByRole('button', { name: 'リンクをコピー' }).click();
    await page.getByRole('button', { name: 'リンクをコピーしました' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  } finally {
    await context.close();
  }
});
