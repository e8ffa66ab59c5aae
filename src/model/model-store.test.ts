import { expect } from '@esm-bundle/chai';
import { deleteDB, openDB } from 'idb';
import { type EpochState, ModelStore, type RunCheckpoint } from './model-store.ts';
import { buildTrainedModel, type TrainSettings } from './trained-model.ts';

const settings: TrainSettings = {
  classes: ['ball'],
  epochs: 5,
  batchSize: 8,
  learningRate: 0.001,
  augmentCopies: 3,
  patience: 5,
  seed: 1,
  base: 'f16',
};

const model = (name: string) =>
  buildTrainedModel(
    {
      weights: Float32Array.from([1, 2, 3]),
      metrics: {
        valMAP50: 0.5,
        stockValMAP50: 0.4,
        bestEpoch: 2,
        epochs: [],
        trainImages: 3,
        valImages: 1,
        backend: 'wasm',
        ms: 1000,
        featuresMs: 100,
      },
    },
    settings,
    name,
  );

const state = (epoch: number): EpochState => ({
  epoch,
  epochs: [],
  stockValMAP50: 0.4,
  bestEpoch: 1,
  bestScore: { map: 0.5, loss: 1 },
  best: Float32Array.from([1, 2, 3]),
  values: Float32Array.from([4, 5, 6]),
  firstMoment: new Float32Array(3),
  secondMoment: new Float32Array(3),
  steps: epoch * 10,
  backend: 'webgl',
  ms: 5000,
  featuresMs: 1000,
});

const checkpoint = (id: string, epoch: number): RunCheckpoint => ({
  id,
  name: 'run',
  startedAt: 1,
  savedAt: Date.now() + epoch,
  settings,
  backend: 'auto',
  photos: { train: [{ id: 'photo-1', boxes: [{ box: [1, 2, 3, 4], label: 'ball' }] }], val: [] },
  state: state(epoch),
});

describe('model store', () => {
  const name = `model-store-test-${Date.now()}`;
  after(() => deleteDB(name));

  it('opens a version 1 database with every model in it, and adds the run checkpoints beside them', async () => {
    const old = model('from v1');
    const v1 = await openDB(name, 1, {
      upgrade: (db) => {
        db.createObjectStore('models', { keyPath: 'id' });
      },
    });
    await v1.put('models', { id: old.meta.id, meta: old.meta, weights: old.weights.buffer.slice(0) });
    v1.close();

    const store = new ModelStore(name);
    expect((await store.list()).map((meta) => meta.name)).to.deep.equal(['from v1']);
    expect(Array.from((await store.get(old.meta.id))?.weights ?? [])).to.deep.equal([1, 2, 3]);
    expect(await store.unfinishedRun()).to.equal(undefined);
    await store.close();
  });

  it('keeps the newest checkpoint of a run, typed arrays and all; a kept run becomes a model in one step', async () => {
    const store = new ModelStore(name);
    await store.saveRun(checkpoint('run-a', 1));
    await store.saveRun(checkpoint('run-a', 2));
    const saved = await store.unfinishedRun();
    expect(saved?.state.epoch).to.equal(2);
    expect(saved?.state.values).to.be.instanceOf(Float32Array);
    expect(Array.from(saved?.state.values ?? [])).to.deep.equal([4, 5, 6]);
    expect(saved?.photos.train[0]?.boxes[0]?.box).to.deep.equal([1, 2, 3, 4]);

    const kept = model('kept');
    await store.putFromRun(kept, 'run-a');
    expect(await store.unfinishedRun()).to.equal(undefined);
    expect((await store.list()).map((meta) => meta.name)).to.include('kept');

    await store.saveRun(checkpoint('run-b', 1));
    await store.deleteRun('run-b');
    expect(await store.unfinishedRun()).to.equal(undefined);
    await store.close();
  });
});
