import { expect } from '@esm-bundle/chai';
import { strToU8, zipSync } from 'fflate';
import { contributorSetting } from './contributor.ts';
import { DatasetStore } from './dataset-store.ts';
import { importFiles, isZipFile, prepareImport } from './import-files.ts';

async function png(width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#36c';
  context.fillRect(0, 0, width, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

/** A YOLO dataset: one labelled 32×32 image, and a file that is not an image. */
async function yoloZip(): Promise<Uint8Array<ArrayBuffer>> {
  return zipSync({
    'images/a.png': await png(32, 32),
    'labels/a.txt': strToU8('0 0.5 0.5 0.5 0.25'),
    'classes.txt': strToU8('テニスボール'),
    'readme.md': strToU8('hello'),
  }) as Uint8Array<ArrayBuffer>;
}

describe('importing files', () => {
  it('recognises a .zip by its content, whatever its name or type says', async () => {
    const zip = await yoloZip();
    const verdicts = await Promise.all(
      [
        new File([zip], 'dataset.zip', { type: 'application/zip' }),
        new File([zip], 'download', { type: '' }),
        new File([zip], 'photo.jpg', { type: 'image/jpeg' }),
        new File([zipSync({}) as Uint8Array<ArrayBuffer>], 'empty.zip'),
        new File([await png(4, 4)], 'a.png', { type: 'image/png' }),
        new File(['PK'], 'short.zip'),
        new File(['hello'], 'notes.zip', { type: 'application/zip' }),
      ].map(isZipFile),
    );
    expect(verdicts).to.deep.equal([true, true, true, true, false, false, false]);
  });

  it('reads dataset zips and photos side by side: archives first, every left-out file named', async () => {
    const files = [
      new File([await png(64, 48)], 'photo.png', { type: 'image/png' }),
      new File(['not a photo'], 'notes.txt', { type: 'text/plain' }),
      new File([await yoloZip()], 'balls', { type: '' }),
      new File(['PK\u0003\u0004 nope'], 'broken.zip', { type: 'application/zip' }),
    ];
    const { images, skipped } = await prepareImport(files, 32);

    expect(images.map(({ width, height, source }) => [width, height, source])).to.deep.equal([
      [32, 32, 'import'],
      [32, 24, 'import'],
    ]);
    expect(images[0]).to.not.have.property('name');
    expect(images[0]?.boxes).to.deep.equal([{ box: [8, 12, 16, 8], label: 'テニスボール' }]);
    expect(images[1]?.blob.type).to.equal('image/jpeg');
    expect(skipped.map((s) => s.item)).to.deep.equal(['balls: readme.md', 'broken.zip', 'notes.txt']);
    expect(skipped[0]?.reason).to.match(/not an image file/);
    expect(skipped[1]?.reason).to.match(/not a readable \.zip/);
    expect(skipped[2]?.reason).to.match(/not an image/);
    expect(skipped.map((s) => s.problem.code)).to.deep.equal(['file.notImage', 'archive.unreadable', 'file.notImage']);
  });

  describe('into the dataset', () => {
    const name = `tama-test-${crypto.randomUUID()}`;
    after(() => indexedDB.deleteDatabase(name));

    it('stores what it read in one go and reports the stored images and the skipped files', async () => {
      const store = new DatasetStore(name);
      const files = [
        new File([await yoloZip()], 'dataset.zip', { type: 'application/zip' }),
        new File([await png(20, 10)], 'small.png', { type: 'image/png' }),
      ];
      const report = await importFiles(files, store);
      expect(report.stored.map((image) => [image.width, image.height, image.boxes.length])).to.deep.equal([
        [32, 32, 1],
        [20, 10, 0],
      ]);
      expect(report.skipped).to.deep.equal([
        {
          item: 'dataset.zip: readme.md',
          reason: 'not an image file',
          problem: { code: 'file.notImage', detail: 'not an image file' },
        },
      ]);
      expect((await store.list()).map((image) => image.id)).to.deep.equal(report.stored.map((image) => image.id));

      const nothing = await importFiles([new File(['hello'], 'notes.txt', { type: 'text/plain' })], store);
      expect(nothing.stored).to.deep.equal([]);
      expect(await store.count()).to.equal(2);
      await store.close();
    });

    it('adds nothing twice: the same zip again, or one photo twice in a batch, counts as duplicates', async () => {
      const store = new DatasetStore(name);
      const before = await store.count();
      const again = await importFiles([new File([await yoloZip()], 'copy-of-dataset.zip')], store);
      expect([again.stored.length, again.duplicates]).to.deep.equal([0, 1]);
      const twice = [1, 2].map(async (n) => new File([await png(12, 12)], `same-${n}.png`, { type: 'image/png' }));
      const batch = await importFiles(await Promise.all(twice), store);
      expect([batch.stored.length, batch.duplicates]).to.deep.equal([1, 1]);
      expect(batch.stored[0]?.hash).to.match(/^[0-9a-f]{64}$/);
      expect(await store.count()).to.equal(before + 1);
      await store.close();
    });

    it("photos from a zip keep the zip's contributor or none; the importer's own photos get theirs", async () => {
      contributorSetting.set('先生');
      try {
        const coco = {
          categories: [],
          annotations: [],
          images: [
            { id: 1, file_name: 'tanaka.png', width: 40, height: 30, tama_contributor: '田中' },
            { id: 2, file_name: 'nobody.png', width: 30, height: 40 },
          ],
        };
        const zip = zipSync({
          'annotations.json': strToU8(JSON.stringify(coco)),
          'tanaka.png': await png(40, 30),
          'nobody.png': await png(30, 40),
        }) as Uint8Array<ArrayBuffer>;
        const store = new DatasetStore(name);
        const report = await importFiles(
          [new File([zip], 'class.zip'), new File([await png(50, 50)], 'mine.png', { type: 'image/png' })],
          store,
        );
        expect(report.stored.map((image) => [image.width, image.height, image.contributor])).to.deep.equal([
          [40, 30, '田中'],
          [30, 40, undefined],
          [50, 50, '先生'],
        ]);
        const kept = new Map((await store.list()).map((image) => [image.id, image.contributor]));
        expect(report.stored.map((image) => kept.get(image.id))).to.deep.equal(['田中', undefined, '先生']);
        await store.close();
      } finally {
        contributorSetting.clear();
      }
    });
  });
});
