import { expect } from '@esm-bundle/chai';
import { zipSync } from 'fflate';
import { Random } from '../shared/random.ts';
import { DatasetStore } from './dataset-store.ts';
import { importFiles } from './import-files.ts';

/** A 320×240 JPEG that only photo `n` looks like: seeded random blocks, so sizes are photo-like. */
async function photo(n: number): Promise<Uint8Array<ArrayBuffer>> {
  const random = new Random(n + 1);
  const canvas = new OffscreenCanvas(320, 240);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  for (let i = 0; i < 60; i++) {
    ctx.fillStyle = `hsl(${random.int(0, 359)} ${random.int(20, 90)}% ${random.int(20, 80)}%)`;
    ctx.fillRect(random.int(0, 300), random.int(0, 220), random.int(10, 120), random.int(10, 90));
  }
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer());
}

describe('merging a class', () => {
  const name = `tama-test-${crypto.randomUUID()}`;
  after(() => indexedDB.deleteDatabase(name));

  it('30 zips of 20 photos, overlapping by 5: every photo once, an exact report', async () => {
    // Zip k holds photos 15k … 15k + 19, so neighbouring zips share 5 photos.
    const photos = await Promise.all(Array.from({ length: 15 * 29 + 20 }, (_, n) => photo(n)));
    const zips = Array.from({ length: 30 }, (_, k) => {
      const entries = Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [`images/p${15 * k + i}.jpg`, photos[15 * k + i] as Uint8Array]),
      );
      return new File([zipSync(entries) as Uint8Array<ArrayBuffer>], `student-${k + 1}.zip`);
    });
    const store = new DatasetStore(name);
    const started = performance.now();
    const report = await importFiles(zips, store);
    const ms = performance.now() - started;
    console.log(`merged 30 zips × 20 photos in ${Math.round(ms)} ms`);
    expect(report.stored).to.have.length(455);
    expect(report.duplicates).to.equal(145);
    expect(report.skipped).to.deep.equal([]);
    expect(await store.count()).to.equal(455);
    await store.close();
  });
});
