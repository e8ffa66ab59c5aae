// npm run screenshots -- --out DIR [--dist DIR] [--pages detect,label,train,mnist,about,bench]
// Every page of a build at a 390×844 phone (Japanese, then English) and a 1920×1080 projector
// (Japanese), as PNGs in DIR, so a change can be looked at — and compared with an older build — by eye.
// npm run screenshots -- --docs: the images the guides use (docs/images/), one lesson walked through on
// the build in dist/ (rebuilt when src/ changed) with the sample photos (scripts/lib/docs-screenshots.ts).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { distDir, startPreviewServer } from '../tests/support/preview-server.ts';
import { launchChromium } from './lib/chromium.ts';
import { writeDocsScreenshots } from './lib/docs-screenshots.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'screenshots' },
    dist: { type: 'string', default: distDir },
    pages: { type: 'string', default: 'detect,label,train,mnist,about,bench' },
    docs: { type: 'boolean', default: false },
  },
});

if (values.docs) {
  await writeDocsScreenshots(resolve(import.meta.dirname, '../docs/images'));
  process.exit(0);
}

const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const views = [
  { name: 'phone-ja', viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true, hasTouch: true },
  { name: 'phone-en', viewport: { width: 390, height: 844 }, locale: 'en-US', isMobile: true, hasTouch: true },
  { name: 'projector-ja', viewport: { width: 1920, height: 1080 }, locale: 'ja-JP', isMobile: false, hasTouch: false },
];

const server = await startPreviewServer(resolve(values.dist));
const browser = await launchChromium();
try {
  for (const { name, ...options } of views) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    for (const path of values.pages.split(',')) {
      await page.goto(`${server.url}/${path}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1500);
      const file = join(out, `${path}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
