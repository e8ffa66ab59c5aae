// npm run datasets:generate -- --count N --seed S --out DIR [--val-fraction 0.25]
// Renders N procedural ball photos in headless Chromium (src/dataset/synthetic) and writes
// a COCO dataset: DIR/images/*.jpg, DIR/train.json and DIR/val.json (file_name relative to the JSON).
// About a quarter of the images have no ball (only round look-alikes): they are listed with no
// annotations, as negatives. Each annotation's attributes say how the ball appears (kind, occluded,
// blurred, held in a hand, cut by the frame edge, small).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openHarness } from './lib/harness.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '64' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    'val-fraction': { type: 'string', default: '0.25' },
  },
});

function fail(message: string): never {
  console.error(`datasets:generate: ${message}`);
  process.exit(2);
}

const count = Number(values.count);
const seed = Number(values.seed);
const valFraction = Number(values['val-fraction']);
if (!values.out) fail('--out DIR is required');
if (!Number.isInteger(count) || count < 1) fail(`--count must be a positive whole number, not "${values.count}"`);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, not "${values.seed}"`);
if (!(valFraction >= 0 && valFraction < 1)) fail(`--val-fraction must be in [0, 1), not "${values['val-fraction']}"`);

interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}
interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  bbox: number[];
  area: number;
  iscrowd: 0;
  attributes: { kind: string; occluded: boolean; blurred: boolean; held: boolean; cut: boolean; small: boolean };
}

const out = resolve(values.out);
mkdirSync(join(out, 'images'), { recursive: true });
const splits = {
  train: { images: [] as CocoImage[], annotations: [] as CocoAnnotation[] },
  val: { images: [] as CocoImage[], annotations: [] as CocoAnnotation[] },
};
// Every k-th image goes to validation: deterministic, and spread evenly over the seed's scenes.
const valEvery = valFraction > 0 ? Math.round(1 / valFraction) : Number.POSITIVE_INFINITY;

const harness = await openHarness();
try {
  let annotationId = 1;
  for (let index = 0; index < count; index++) {
    const scene = await harness.page.evaluate(([s, i]) => window.tama.renderScene(s, i), [seed, index] as const);
    const fileName = `images/s${seed}-${String(index).padStart(5, '0')}.jpg`;
    writeFileSync(join(out, fileName), Buffer.from(scene.jpegBase64, 'base64'));
    const split = (index + 1) % valEvery === 0 ? splits.val : splits.train;
    const imageId = index + 1;
    split.images.push({ id: imageId, file_name: fileName, width: scene.width, height: scene.height });
    for (const ball of scene.balls) {
      split.annotations.push({
        id: annotationId++,
        image_id: imageId,
        category_id: 1,
        bbox: ball.bbox,
        area: Math.round(ball.bbox[2] * ball.bbox[3]),
        iscrowd: 0,
        attributes: {
          kind: ball.kind,
          occluded: ball.occluded,
          blurred: ball.blurred,
          held: ball.held,
          cut: ball.cut,
          small: ball.small,
        },
      });
    }
    if ((index + 1) % 10 === 0 || index + 1 === count) process.stderr.write(`rendered ${index + 1}/${count}\n`);
  }
} finally {
  await harness.close();
}

const info = {
  description: `Tama Lab procedural balls, seed ${seed}`,
  version: '1',
  contributor: 'Tama Lab (scripts/generate-dataset.ts)',
  license: 'CC0-1.0',
};
for (const [name, split] of Object.entries(splits)) {
  const coco = { info, categories: [{ id: 1, name: 'ball', supercategory: 'sports' }], ...split };
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(coco)}\n`);
  console.log(
    `${name}: ${split.images.length} images, ${split.annotations.length} balls → ${join(out, `${name}.json`)}`,
  );
}
