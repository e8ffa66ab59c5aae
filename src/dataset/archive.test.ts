import { expect } from '@esm-bundle/chai';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ProblemError } from '../shared/problem.ts';
import { ARCHIVE_LIMITS, exportArchive, importArchive } from './archive.ts';
import type { StoredImage } from './dataset-store.ts';

async function jpeg(width: number, height: number, colour = '#3a7'): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, width, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
}

async function stored(
  width: number,
  height: number,
  boxes: StoredImage['boxes'],
  negative = false,
): Promise<StoredImage> {
  return {
    id: crypto.randomUUID(),
    blob: new Blob([await jpeg(width, height)], { type: 'image/jpeg' }),
    width,
    height,
    createdAt: Date.now(),
    source: 'camera',
    boxes,
    negative,
  };
}

const cocoZip = (coco: object, files: Record<string, Uint8Array>) =>
  zipSync({ 'annotations.json': strToU8(JSON.stringify(coco)), ...files });

describe('dataset archives', () => {
  it('export → import gives back the same images, boxes, labels and negatives (COCO and YOLO)', async () => {
    const originals = [
      await stored(64, 48, [
        { box: [4, 5, 20, 10], label: 'ball' },
        { box: [30, 20, 12.5, 12.5], label: 'テニスボール' },
      ]),
      await stored(40, 60, [], true),
      { ...(await stored(32, 32, [])), burstId: 'burst-1' },
    ];
    const zip = await exportArchive(originals);
    const report = await importArchive(zip);
    expect(report.format).to.equal('coco');
    expect(report.skipped).to.deep.equal([]);
    // An unlabeled photo stays unlabeled (not "no ball"), and burst frames stay one burst.
    expect(report.images.map((i) => [i.width, i.height, i.negative, i.burstId])).to.deep.equal([
      [64, 48, false, undefined],
      [40, 60, true, undefined],
      [32, 32, false, 'burst-1'],
    ]);
    expect(report.images[0]?.boxes).to.deep.equal(originals[0]?.boxes);
    expect(new Uint8Array(await (report.images[0] as { blob: Blob }).blob.arrayBuffer())).to.deep.equal(
      new Uint8Array(await (originals[0] as StoredImage).blob.arrayBuffer()),
    );

    // The same archive read as YOLO (without its COCO JSON) gives the same boxes to 6 decimals.
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(zip);
    delete entries['annotations.json'];
    const yolo = await importArchive(zipSync(entries));
    expect(yolo.format).to.equal('yolo');
    expect(yolo.images.map((i) => i.negative)).to.deep.equal([false, true, false]);
    const boxes = yolo.images[0]?.boxes ?? [];
    expect(boxes.map((b) => b.label)).to.deep.equal(['ball', 'テニスボール']);
    boxes.forEach((b, i) => {
      b.box.forEach((v, k) => {
        expect(v).to.be.closeTo(originals[0]?.boxes[i]?.box[k] as number, 1e-3);
      });
    });
  });

  it('each photo keeps its contributor through export → import; a photo without one stays without', async () => {
    const originals = [
      { ...(await stored(16, 16, [])), contributor: '田中' },
      await stored(16, 12, []),
      { ...(await stored(12, 16, [], true)), contributor: '12', burstId: 'b' },
    ];
    const zip = await exportArchive(originals, { seed: 1, valRatio: 0.5 });
    const coco = JSON.parse(strFromU8(unzipSync(zip)['annotations.json'] as Uint8Array));
    expect(coco.images.map((i: { tama_contributor?: string }) => i.tama_contributor)).to.deep.equal([
      '田中',
      undefined,
      '12',
    ]);
    const report = await importArchive(zip);
    expect(report.images.map((i) => [i.width, i.height, i.contributor])).to.deep.equal([
      [16, 16, '田中'],
      [16, 12, undefined],
      [12, 16, '12'],
    ]);
    expect(report.images[1]).to.not.have.property('contributor');
  });

  it('reports every bad file and box with a reason, and keeps the good ones', async () => {
    const good = await jpeg(32, 32);
    const coco = {
      categories: [{ id: 1, name: 'ball' }],
      images: [
        { id: 1, file_name: 'a.jpg', width: 32, height: 32 },
        { id: 2, file_name: 'broken.jpg', width: 32, height: 32 },
        { id: 3, file_name: 'sub/a.jpg', width: 32, height: 32 },
        { id: 4, file_name: 'missing.jpg', width: 32, height: 32 },
        { id: 5, file_name: 'liar.jpg', width: 99, height: 32 },
        { id: 6, file_name: 'notes.txt', width: 32, height: 32 },
      ],
      annotations: [
        { image_id: 1, category_id: 1, bbox: [1, 1, 10, 10] },
        { image_id: 1, category_id: 1, bbox: [30, 30, 1.5, 1.5] },
      ],
    };
    const report = await importArchive(
      cocoZip(coco, {
        'a.jpg': good,
        'broken.jpg': strToU8('not a jpeg'),
        'sub/a.jpg': good,
        'liar.jpg': good,
        'notes.txt': strToU8('hello'),
      }),
    );
    expect(report.images.map((i) => i.name)).to.deep.equal(['a.jpg']);
    expect(report.images[0]?.boxes).to.have.length(2);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.item, s.reason]));
    expect(reasons['broken.jpg']).to.match(/corrupt/);
    expect(reasons['sub/a.jpg']).to.match(/duplicate/);
    expect(reasons['missing.jpg']).to.match(/missing/);
    expect(reasons['liar.jpg']).to.match(/declared 99×32/);
    expect(reasons['notes.txt']).to.match(/not an image/);
    // Each one also carries the Problem the page words in the user's language.
    const codes = Object.fromEntries(report.skipped.map((s) => [s.item, s.problem.code]));
    expect(codes).to.deep.equal({
      'broken.jpg': 'image.unreadable',
      'sub/a.jpg': 'archive.duplicateName',
      'missing.jpg': 'archive.missingImage',
      'liar.jpg': 'archive.sizeMismatch',
      'notes.txt': 'file.notImage',
    });
    expect(report.skipped.find((s) => s.item === 'liar.jpg')?.problem.params).to.deep.equal({
      declared: '99×32',
      actual: '32×32',
    });
  });

  it('skips boxes outside the image and rejects broken archives and JSON as a whole', async () => {
    const schemaBreak = {
      categories: [{ id: 1, name: 'ball' }],
      images: [{ id: 1, file_name: 'a.jpg', width: 32, height: 32 }],
      annotations: [{ image_id: 1, category_id: 1, bbox: [20, 20, 30, 30] }],
    };
    let error: unknown;
    try {
      await importArchive(cocoZip(schemaBreak, { 'a.jpg': await jpeg(32, 32) }));
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.match(/annotations\.json: .*outside image a\.jpg/);
    expect((error as ProblemError).problem).to.deep.include({
      code: 'coco.invalid',
      params: { where: 'annotations[0].bbox', file: 'annotations.json' },
    });

    for (const [bytes, message, code] of [
      [strToU8('PK but not really'), /not a readable \.zip/, 'archive.unreadable'],
      [zipSync({ 'annotations.json': strToU8('{"images": [') }), /annotations\.json: malformed JSON/, 'coco.malformed'],
      [zipSync({}), /holds no photos/, 'archive.empty'],
      [cocoZip({ images: [], annotations: [], categories: [] }, {}), /holds no photos/, 'archive.empty'],
    ] as const) {
      let failure: unknown;
      try {
        await importArchive(bytes);
      } catch (caught) {
        failure = caught;
      }
      expect(String(failure)).to.match(message);
      expect(failure).to.be.instanceOf(ProblemError);
      expect((failure as ProblemError).problem.code).to.equal(code);
    }
  });

  it('names a YOLO line that is not "class cx cy w h"', async () => {
    const report = await importArchive(
      zipSync({ 'a.jpg': await jpeg(16, 16), 'a.txt': strToU8('0 0.5 0.5 0.2 0.2\nball 1 2 3 4') }),
    );
    expect(report.images[0]?.boxes).to.have.length(1);
    expect(report.skipped.map((s) => [s.item, s.problem.code])).to.deep.equal([['a.txt line 2', 'yolo.badLine']]);
  });

  it('caps archive and entry sizes', async () => {
    const big = new Uint8Array(2048);
    const report = await importArchive(zipSync({ 'huge.jpg': big }), { ...ARCHIVE_LIMITS, maxEntryBytes: 1024 });
    expect(report.skipped).to.deep.equal([
      {
        item: 'huge.jpg',
        reason: 'larger than 1 KB',
        problem: { code: 'archive.entryTooLarge', params: { limit: '1 KB' }, detail: 'larger than 1 KB' },
      },
    ]);
    let error: unknown;
    try {
      await importArchive(new Uint8Array(10), { ...ARCHIVE_LIMITS, maxArchiveBytes: 5 });
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.match(/larger than/);
    expect((error as ProblemError).problem.code).to.equal('archive.tooLarge');
  });
});
