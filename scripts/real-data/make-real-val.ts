// npm run real:val -- --real DIR [--out datasets/real-val] [--side 512] [--quality 0.82]
// Builds the committed evaluation set of real photos: every photo of the validation and test splits of
// the sources that may ship (phone-style photos, no broadcaster's rights), re-encoded in Chromium to a
// longest side of --side px, with a COCO file (each box's ball kind in attributes.kind, as eval reads
// it) and CREDITS.md. Photos whose group also appears in a training split are left out.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REAL_SOURCES } from '../../src/dataset/real-sources.ts';
import { launchChromium } from '../lib/chromium.ts';
import { type RealPhoto, readRealSource } from './yolo.ts';

const { values } = parseArgs({
  options: {
    real: { type: 'string' },
    out: { type: 'string', default: 'datasets/real-val' },
    side: { type: 'string', default: '512' },
    quality: { type: 'string', default: '0.82' },
  },
});
if (!values.real) {
  console.error('usage: npm run real:val -- --real DIR [--out datasets/real-val] [--side 512] [--quality 0.82]');
  process.exit(2);
}
const side = Number(values.side);
const quality = Number(values.quality);
const out = resolve(values.out);

const shipping = REAL_SOURCES.filter((source) => source.mayShip);
const chosen: RealPhoto[] = [];
for (const source of shipping) {
  const photos = readRealSource(resolve(values.real), source);
  const trainGroups = new Set(photos.filter((photo) => photo.split === 'train').map((photo) => photo.group));
  chosen.push(...photos.filter((photo) => photo.split !== 'train' && !trainGroups.has(photo.group)));
}
if (chosen.length === 0) {
  console.error(`real:val: no photos of ${shipping.map((s) => s.slug).join(', ')} under ${values.real}`);
  process.exit(2);
}

rmSync(join(out, 'images'), { recursive: true, force: true });
mkdirSync(join(out, 'images'), { recursive: true });
const browser = await launchChromium();
const page = await browser.newPage();
const images: object[] = [];
const annotations: object[] = [];
let bytes = 0;
try {
  for (const [index, photo] of chosen.entries()) {
    const scale = Math.min(1, side / Math.max(photo.width, photo.height));
    const width = Math.round(photo.width * scale);
    const height = Math.round(photo.height * scale);
    const encoded = await page.evaluate(
      async ({ base64, width, height, quality }) => {
        const blob = await (await fetch(`data:image/jpeg;base64,${base64}`)).blob();
        const bitmap = await createImageBitmap(blob, {
          resizeWidth: width,
          resizeHeight: height,
          resizeQuality: 'high',
        });
        const canvas = new OffscreenCanvas(width, height);
        canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
        const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality });
        const array = new Uint8Array(await jpeg.arrayBuffer());
        let binary = '';
        for (const byte of array) binary += String.fromCharCode(byte);
        return btoa(binary);
      },
      { base64: readFileSync(photo.path).toString('base64'), width, height, quality },
    );
    const fileName = `images/${photo.source}-${String(index + 1).padStart(3, '0')}.jpg`;
    const jpeg = Buffer.from(encoded, 'base64');
    bytes += jpeg.length;
    writeFileSync(join(out, fileName), jpeg);
    const id = index + 1;
    images.push({ id, file_name: fileName, width, height, source: photo.source, original: photo.group });
    for (const { box, kind } of photo.boxes) {
      const bbox = box.map((value) => Math.round(value * scale * 10) / 10);
      const area = Math.round((bbox[2] as number) * (bbox[3] as number));
      annotations.push({
        id: annotations.length + 1,
        image_id: id,
        category_id: 1,
        bbox,
        area,
        iscrowd: 0,
        attributes: { kind },
      });
    }
  }
} finally {
  await browser.close();
}
const coco = { images, annotations, categories: [{ id: 1, name: 'ball' }] };
writeFileSync(join(out, 'real-val.json'), `${JSON.stringify(coco, null, 1)}\n`);

const rows = shipping.map((source) => {
  const count = chosen.filter((photo) => photo.source === source.slug).length;
  return `| ${source.slug} | ${source.datasetUrl} | ${source.repository}@${source.commit} | ${source.licence} | ${count} |`;
});
writeFileSync(
  join(out, 'CREDITS.md'),
  `# Credits: datasets/real-val

Real photographs from Roboflow Universe datasets published under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/), taken from the datasets' own validation and test splits.

| dataset | attribution URL | copy used (repository@commit) | licence | photos |
|---|---|---|---|---|
${rows.join('\n')}

**Changes made:** each photo was resized to a longest side of ${side} px and re-encoded as JPEG (quality
${quality}) in Chromium; the boxes were converted from YOLO to COCO pixels and scaled with the photos;
only ball classes were kept (hoops, robots and other classes were dropped). Made by
\`npm run real:val -- --real DIR\` (scripts/real-data/make-real-val.ts).
`,
);
// The project's formatter aligns Markdown tables; a regenerated file then passes lint as it is.
execFileSync(
  join(import.meta.dirname, '../../node_modules/.bin/biome'),
  ['format', '--write', join(out, 'CREDITS.md')],
  {
    stdio: 'ignore',
  },
);
console.log(
  `real:val: ${chosen.length} photos, ${annotations.length} balls, ${(bytes / 2 ** 20).toFixed(1)} MB → ${out}`,
);
