// Imported files are data, never code: every hostile file below goes through the path the user's file
// takes (the share target's receiveFile, the Label page's importFiles) into real IndexedDB stores, and
// is refused with a Problem worded in English and in Japanese, and the stores hold exactly what they
// held before.
import { expect } from '@esm-bundle/chai';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { setLocale } from '../app/i18n.ts';
import { DatasetStore } from '../dataset/dataset-store.ts';
import { importFiles } from '../dataset/import-files.ts';
import { IdxError, parseIdx } from '../features/mnist/idx.ts';
import { receiveFile } from '../features/share/receive-file.ts';
import { ModelStore } from '../model/model-store.ts';
import { describeProblem } from '../shared/errors.ts';
import type { Problem, ProblemCode } from '../shared/problem.ts';
import {
  datasetZip,
  declareSizes,
  HTML_AS_IMAGE,
  jpegBytes,
  jpegClaiming,
  modelZip,
  pngHeader,
  SVG_AS_IMAGE,
  yoloZip,
} from './import-fixtures.ts';

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
const dataset = new DatasetStore(`hostile-${crypto.randomUUID()}`, () => undefined);
const models = new ModelStore(`hostile-models-${crypto.randomUUID()}`);
const stores = { dataset, models, maxSide: 1280 };
const counts = async () => ({ photos: await dataset.count(), models: (await models.list()).length });

/** The problem worded in both languages: different sentences, the Japanese one in Japanese. */
async function expectWorded(problem: Problem | undefined, code: ProblemCode) {
  expect(problem?.code, JSON.stringify(problem)).to.equal(code);
  await setLocale('en');
  const en = describeProblem(problem as Problem);
  await setLocale('ja');
  const ja = describeProblem(problem as Problem);
  await setLocale('en');
  expect(en).to.not.match(/could not be read\.$|\?|undefined/);
  expect(ja).to.match(japanese);
  expect(ja).to.not.match(/[A-Za-z]{4,} [A-Za-z]{4,}/, `English in "${ja}"`);
}

/** A shared .zip (the share target's path): refused with `code`, nothing written. */
async function refusedShare(bytes: Uint8Array, code: ProblemCode) {
  const before = await counts();
  const result = await receiveFile(new File([bytes as Uint8Array<ArrayBuffer>], 'shared.zip'), stores);
  expect(result.kind, JSON.stringify(result)).to.equal('refused');
  await expectWorded(result.kind === 'refused' ? result.problem : undefined, code);
  expect(await counts()).to.deep.equal(before);
}

/** Files picked on the Label page: each one left out with `code`, nothing written. */
async function refusedPick(files: File[], code: ProblemCode) {
  const before = await counts();
  const report = await importFiles(files, dataset);
  expect(report.stored).to.have.length(0);
  expect(report.skipped).to.have.length(files.length);
  for (const skip of report.skipped) await expectWorded(skip.problem, code);
  expect(await counts()).to.deep.equal(before);
}

const zipOf = (files: Record<string, Uint8Array>) => zipSync(files);
const withEntries = async (extra: Record<string, Uint8Array>) => zipOf({ ...unzipSync(await datasetZip()), ...extra });

describe('hostile imports are refused, worded in en and ja, and write nothing', () => {
  after(async () => {
    await dataset.close();
    await models.close();
  });

  it('a valid dataset and model still arrive (the checks refuse only what is wrong)', async () => {
    const added = await receiveFile(new File([(await datasetZip()) as Uint8Array<ArrayBuffer>], 'ok.zip'), stores);
    expect(added).to.deep.include({ kind: 'dataset', added: 3 });
    expect(await receiveFile(new File([modelZip() as Uint8Array<ArrayBuffer>], 'm.zip'), stores)).to.deep.include({
      kind: 'model',
    });
  });

  it('entry names that climb out of the zip, absolute paths and backslashes', async () => {
    const photo = await jpegBytes(16, 16);
    for (const name of ['../evil.jpg', 'images/../../evil.jpg', '/etc/evil.jpg', 'C:/evil.jpg', 'images\\evil.jpg'])
      await refusedShare(await withEntries({ [name]: photo }), 'archive.badEntryName');
    const model = unzipSync(modelZip());
    await refusedShare(zipOf({ ...model, '../model.json': model['model.json'] as Uint8Array }), 'archive.badEntryName');
  });

  it('sizes declared in gigabytes, too many entries, and a zip bomb that lies about its size', async () => {
    const huge = declareSizes(await datasetZip(), (name) => (name.endsWith('.jpg') ? 0xfffffff0 : undefined));
    await refusedShare(huge, 'archive.tooLargeUnpacked');
    await refusedShare(
      declareSizes(modelZip(), () => 0x7fffffff),
      'archive.tooLargeUnpacked',
    );
    const many = Object.fromEntries(Array.from({ length: 12_001 }, (_, i) => [`images/${i}.txt`, new Uint8Array(0)]));
    await refusedShare(zipOf(many), 'archive.tooManyEntries');
    // 64 MB of zeros deflate to 64 KB; the directory says 1 KB. Inflation stops at byte 1025.
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const bomb = declareSizes(
      zipSync({ ...unzipSync(await datasetZip()), 'annotations.json': [zeros, { level: 9 }] }),
      (name) => (name === 'annotations.json' ? 1024 : undefined),
    );
    expect(bomb.length).to.be.below(100_000);
    const started = performance.now();
    await refusedShare(bomb, 'archive.bomb');
    expect(performance.now() - started).to.be.below(2000);
    const model = unzipSync(modelZip());
    const modelBomb = declareSizes(zipSync({ ...model, 'model.json': zeros.subarray(0, 1 << 22) }), (name) =>
      name === 'model.json' ? 100 : undefined,
    );
    await refusedShare(modelBomb, 'archive.bomb');
  });

  it('a model zip with anything besides model.json and weights.bin', async () => {
    const model = unzipSync(modelZip());
    await refusedShare(zipOf({ ...model, 'run.js': strToU8('alert(1)') }), 'model.unexpectedEntry');
    await refusedShare(zipOf({ ...model, 'x/model.json': model['model.json'] as Uint8Array }), 'model.unexpectedEntry');
  });

  it('JSON with __proto__, constructor or prototype keys pollutes nothing and is refused', async () => {
    const coco = JSON.parse(strFromU8(unzipSync(await datasetZip())['annotations.json'] as Uint8Array));
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = JSON.stringify(coco).replace('"images":', `"images_":{"${key}":{"polluted":true}},"images":`);
      await refusedShare(await withEntries({ 'annotations.json': strToU8(text) }), 'json.forbiddenKey');
      const model = unzipSync(modelZip());
      const json = strFromU8(model['model.json'] as Uint8Array).replace('{', `{"metrics_":{"${key}":{"polluted":1}},`);
      await refusedShare(zipOf({ ...model, 'model.json': strToU8(json) }), 'json.forbiddenKey');
    }
    expect(({} as { polluted?: unknown }).polluted).to.equal(undefined);
  });

  it('wrong types, Infinity and giant numbers in boxes and in the model', async () => {
    const coco = strFromU8(unzipSync(await datasetZip())['annotations.json'] as Uint8Array);
    const bbox = /"bbox": \[[^\]]*\]/;
    for (const box of ['"bbox": "16,12,21,16"', '"bbox": [1e999, 12, 21, 16]', '"bbox": [16, 12, 1e300, 16]'])
      await refusedShare(await withEntries({ 'annotations.json': strToU8(coco.replace(bbox, box)) }), 'coco.invalid');
    const model = unzipSync(modelZip());
    const json = strFromU8(model['model.json'] as Uint8Array);
    await refusedShare(
      zipOf({ ...model, 'model.json': strToU8(json.replace(/"epochs": \d+/, '"epochs": "many"')) }),
      'model.metaInvalid',
    );
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 1e30]) {
      const weights = new Float32Array((model['weights.bin'] as Uint8Array).slice().buffer);
      weights[1234] = value;
      await refusedShare(zipOf({ ...model, 'weights.bin': new Uint8Array(weights.buffer) }), 'model.weightsNotFinite');
    }
  });

  it('SVG, HTML and scripts named like photos are never decoded, in a zip or picked', async () => {
    // A photo the labels list, its bytes swapped: in the COCO zip and in the YOLO one.
    const listed = Object.keys(unzipSync(await datasetZip())).find((name) => name.endsWith('.jpg')) as string;
    await refusedShare(await withEntries({ [listed]: SVG_AS_IMAGE }), 'file.disguised');
    await refusedShare(zipOf({ ...unzipSync(await yoloZip()), [listed]: HTML_AS_IMAGE }), 'file.disguised');
    const picked = [
      new File([SVG_AS_IMAGE as Uint8Array<ArrayBuffer>], 'photo.jpg', { type: 'image/jpeg' }),
      new File([HTML_AS_IMAGE as Uint8Array<ArrayBuffer>], 'photo.png', { type: 'image/png' }),
      new File(['window.location="https://evil.example"'], 'photo.webp', { type: 'image/webp' }),
    ];
    await refusedPick(picked, 'file.disguised');
  });

  it('a 200-megapixel photo is refused from its header, before any decode', async () => {
    const png = pngHeader(20_000, 10_000);
    const jpeg = await jpegClaiming(20_000, 10_000);
    await refusedPick(
      [new File([png as Uint8Array<ArrayBuffer>], 'huge.png'), new File([jpeg as Uint8Array<ArrayBuffer>], 'huge.jpg')],
      'image.tooManyPixels',
    );
    // In a zip it is left out with the same words; the rest of the zip arrives.
    const before = await dataset.count();
    const report = await importFiles(
      [
        new File(
          [zipOf({ 'huge.png': png, 'ok.jpg': await jpegBytes(20, 20, '#123') }) as Uint8Array<ArrayBuffer>],
          'z.zip',
        ),
      ],
      dataset,
    );
    expect(report.stored).to.have.length(1);
    expect(report.skipped.map((s) => s.problem.code)).to.deep.equal(['image.tooManyPixels']);
    expect(await dataset.count()).to.equal(before + 1);
  });

  it('an IDX file whose header lies is refused in the user’s words', async () => {
    const lying = new Uint8Array([0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3]);
    let error: unknown;
    try {
      parseIdx(lying, 'train-images');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(IdxError);
    await expectWorded((error as IdxError).problem, 'mnist.idxInvalid');
  });
});
