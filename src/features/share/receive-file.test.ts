import { expect } from '@esm-bundle/chai';
import { strToU8, zipSync } from 'fflate';
import type { NewImage, StoredImage } from '../../dataset/dataset-store.ts';
import { buildTrainedModel, expectedShapes, type TrainedModel, type TrainSettings } from '../../model/trained-model.ts';
import { trainedModelZip } from '../../model/trained-model-zip.ts';
import { type ReceiveStores, receiveFile } from './receive-file.ts';

function model(): TrainedModel {
  const floats = expectedShapes(1).reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0);
  const settings: TrainSettings = {
    ...{ classes: ['ball'], base: 'f16', epochs: 1, batchSize: 1, learningRate: 0.01 },
    ...{ augmentCopies: 1, patience: 1, seed: 1 },
  };
  const metrics = {
    ...{ valMAP50: null, stockValMAP50: null, bestEpoch: 0, epochs: [], trainImages: 0, valImages: 0 },
    ...{ backend: 'cpu', ms: 0, featuresMs: 0 },
  };
  return buildTrainedModel({ weights: new Float32Array(floats), metrics }, settings, '先生のモデル');
}

async function jpeg(colour: string): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = new OffscreenCanvas(16, 16);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = colour;
  context.fillRect(0, 0, 16, 16);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
}

/** In-memory stores that record every write, so "changes nothing" can be checked. */
function fakeStores() {
  const models = new Map<string, TrainedModel>();
  const images: StoredImage[] = [];
  const stores: ReceiveStores = {
    models: { get: async (id) => models.get(id), put: async (m) => void models.set(m.meta.id, m) },
    dataset: {
      list: async () => images,
      addAll: async (added: readonly NewImage[]) => {
        const stored = added.map((image, i) => ({ ...image, id: `${images.length + i}` }) as unknown as StoredImage);
        images.push(...stored);
        return stored;
      },
    },
    maxSide: 1280,
  };
  return { stores, models, images };
}

describe('receiving a shared file', () => {
  it('stores a model once under its own id; the same zip again is reported as already here', async () => {
    const { stores, models } = fakeStores();
    const original = model();
    const zip = trainedModelZip(original) as Uint8Array<ArrayBuffer>;
    const first = await receiveFile(new File([zip], 'download'), stores);
    expect(first).to.deep.include({ kind: 'model', id: original.meta.id, name: '先生のモデル', duplicate: false });
    const again = await receiveFile(new File([zip], 'download (1)'), stores);
    expect(again).to.deep.include({ kind: 'model', duplicate: true });
    expect(models.size).to.equal(1);
  });

  it('adds new photos and counts the ones already in the dataset', async () => {
    const { stores, images } = fakeStores();
    const [red, blue] = [await jpeg('#f00'), await jpeg('#00f')];
    const first = await receiveFile(new File([zipSync({ 'a.jpg': red })], 'a.zip'), stores);
    expect(first).to.deep.include({ kind: 'dataset', added: 1, duplicates: 0, bad: 0 });
    const second = await receiveFile(new File([zipSync({ 'a.jpg': red, 'b.jpg': blue })], 'b.zip'), stores);
    expect(second).to.deep.include({ kind: 'dataset', added: 1, duplicates: 1 });
    expect(images).to.have.length(2);
  });

  it('refuses what is neither, naming why, and writes nothing', async () => {
    const { stores, models, images } = fakeStores();
    const broken = model();
    broken.meta = { ...broken.meta, classes: [] };
    const cases: [File, string][] = [
      [new File(['not a zip'], 'model.zip'), 'not-zip'],
      [new File([zipSync({ 'notes.txt': strToU8('hi') })], 'notes.zip'), 'other'],
      [new File([trainedModelZip(broken) as Uint8Array<ArrayBuffer>], 'broken-model.zip'), 'bad-model'],
    ];
    for (const [file, reason] of cases)
      expect(await receiveFile(file, stores)).to.deep.include({ file: file.name, kind: 'refused', reason });
    expect(models.size + images.length).to.equal(0);
  });
});
