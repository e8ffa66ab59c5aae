// Renders public/icons/icon.svg into the PNG sizes the manifest and iOS ask for. The PNGs are small
// and committed; run this again (`npx tsx scripts/make-icons.ts`) after changing the SVG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './lib/chromium.ts';

const iconsDir = join(import.meta.dirname, '../public/icons');
const svg = readFileSync(join(iconsDir, 'icon.svg'), 'utf8');
const outputs = [
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  { file: 'icon-maskable-512.png', size: 512 },
  { file: 'apple-touch-icon.png', size: 180 },
];

const browser = await launchChromium();
try {
  for (const { file, size } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>*{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: join(iconsDir, file), omitBackground: false });
    await page.close();
    console.log(`icons: ${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
