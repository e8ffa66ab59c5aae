import { expect } from '@esm-bundle/chai';
import { strToU8, zipSync } from 'fflate';
import { buildTrainedModel, expectedShapes, type TrainSettings } from '../../model/trained-model.ts';
import { trainedModelZip } from '../../model/trained-model-zip.ts';
import { sharedFileKind } from './shared-file-kind.ts';

async function png(): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = new OffscreenCanvas(8, 8);
  (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).fillRect(0, 0, 8, 8);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

function modelZip(): Uint8Array<ArrayBuffer> {
  const settings = { classes: ['ball'], base: 'f16' } as unknown as TrainSettings;
  const floats = expectedShapes(1).reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0);
  const model = buildTrainedModel(
    { weights: new Float32Array(floats), metrics: {} as never },
    settings,
    'クラスのモデル',
  );
  return trainedModelZip(model) as Uint8Array<ArrayBuffer>;
}

/** Named and typed as a download often is: nothing in the name or type gives the content away. */
const file = (bytes: BlobPart) => new File([bytes], 'download', { type: 'application/octet-stream' });

describe('recognising a shared file by its content', () => {
  it('a Tama Lab model zip is a model, whatever it is called', async () => {
    expect(await sharedFileKind(file(modelZip()))).to.equal('model');
    expect(await sharedFileKind(new File([modelZip()], 'photos.zip'))).to.equal('model');
  });

  it('a zip with photos is a dataset: COCO, YOLO, or bare images', async () => {
    const image = await png();
    const coco = zipSync({ 'annotations.json': strToU8('{"images":[]}'), 'images/a.png': image });
    const yolo = zipSync({ 'images/a.JPG': image, 'labels/a.txt': strToU8('0 0.5 0.5 0.2 0.2') });
    const bare = zipSync({ 'b.webp': image });
    for (const zip of [coco, yolo, bare])
      expect(await sharedFileKind(file(zip as Uint8Array<ArrayBuffer>))).to.equal('dataset');
  });

  it('a model.json of another format with photos beside it is a dataset, not a model', async () => {
    const zip = zipSync({ 'model.json': strToU8('{"format":"graph-model"}'), 'a.png': await png() });
    expect(await sharedFileKind(file(zip as Uint8Array<ArrayBuffer>))).to.equal('dataset');
  });

  it('a text file renamed .zip is not a zip', async () => {
    expect(await sharedFileKind(new File(['hello, class'], 'model.zip', { type: 'application/zip' }))).to.equal(
      'not-zip',
    );
    expect(await sharedFileKind(new File([await png()], 'data.zip'))).to.equal('not-zip');
  });

  it('a damaged zip is corrupt', async () => {
    const whole = modelZip();
    expect(await sharedFileKind(file(whole.slice(0, Math.floor(whole.length / 2))))).to.equal('corrupt');
  });

  it('a readable zip of neither kind is other', async () => {
    const random = zipSync({ 'notes.txt': strToU8('hello'), 'data.bin': new Uint8Array([1, 2, 3]) });
    const macPhotos = zipSync({ '__MACOSX/._a.png': new Uint8Array([0]), 'readme.md': strToU8('#') });
    const foreignModel = zipSync({
      'model.json': strToU8('{"format":"graph-model"}'),
      'weights.bin': new Uint8Array(8),
    });
    for (const zip of [random, macPhotos, foreignModel, zipSync({})])
      expect(await sharedFileKind(file(zip as Uint8Array<ArrayBuffer>))).to.equal('other');
  });
});
