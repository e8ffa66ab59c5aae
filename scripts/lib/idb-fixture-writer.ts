// Runs in the browser (served by Vite for scripts/make-idb-fixture.ts): writes a little of everything
// the app keeps on a device through today's own store code, then snapshots every IndexedDB database
// of the origin and the app's settings.

import { contributorSetting } from '../../src/dataset/contributor.ts';
import { DEFAULT_SETTINGS, datasetSettings } from '../../src/dataset/dataset-settings.ts';
import { DatasetStore } from '../../src/dataset/dataset-store.ts';
import { saveMnistModel } from '../../src/features/mnist/mnist-store.ts';
import { activeModel, ModelStore } from '../../src/model/model-store.ts';
import type { TrainedModelMeta } from '../../src/model/trained-model.ts';
import { backendPreference } from '../../src/shared/backend/backend-preference.ts';
import { dumpDatabase, type StorageSnapshot } from '../../tests/support/idb-snapshot.ts';

interface Photo {
  blob: Blob;
  width: number;
  height: number;
}

/** A tiny JPEG of a ball on grass: a real photo Blob, stored as camera frames are. */
async function tinyPhoto(index: number): Promise<Photo> {
  const width = 32;
  const height = 24;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#3a7d2c';
  context.fillRect(0, 0, width, height);
  context.fillStyle = ['#f5d90a', '#e4572e', '#ffffff'][index % 3] as string;
  context.beginPath();
  context.arc(8 + index * 3, 12, 6, 0, Math.PI * 2);
  context.fill();
  return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 }), width, height };
}

/**
 * The real default ball model's description with the first 2048 of its weights: a trained model's
 * record as ModelStore writes it, kept small (the stores treat the weights as opaque bytes).
 */
async function smallTrainedModel(): Promise<{ meta: TrainedModelMeta; weights: Float32Array }> {
  const meta = (await (await fetch('/models/ball/model.json')).json()) as TrainedModelMeta;
  const weights = new Float32Array((await (await fetch('/models/ball/weights.bin')).arrayBuffer()).slice(0, 2048 * 4));
  return { meta: { ...meta, id: 'fixture-model-1', name: 'My ball model', createdAt: 1_760_000_000_000 }, weights };
}

export async function writeTodaysData(writtenBy: string): Promise<StorageSnapshot> {
  for (const { name } of await indexedDB.databases()) if (name) indexedDB.deleteDatabase(name);
  localStorage.clear();

  contributorSetting.set('Aiko');
  const dataset = new DatasetStore();
  const [first, second, third, fourth, fifth] = await Promise.all(
    [0, 1, 2, 3, 4].map(tinyPhoto) as [Promise<Photo>, Promise<Photo>, Promise<Photo>, Promise<Photo>, Promise<Photo>],
  );
  const burstId = 'fixture-burst';
  await dataset.addAll([
    { ...first, source: 'camera', boxes: [{ box: [2, 6, 12, 12], label: 'ball' }] },
    { ...second, source: 'camera', burstId },
    { ...third, source: 'camera', burstId, negative: true },
  ]);
  await dataset.addAll([
    {
      ...fourth,
      source: 'import',
      contributor: null,
      boxes: [
        { box: [11, 6, 12, 12], label: 'ball' },
        { box: [0, 0, 4, 4], label: 'cup' },
      ],
    },
    { ...fifth, source: 'import', contributor: 'Ben' },
  ]);
  await dataset.close();

  const models = new ModelStore();
  await models.put(await smallTrainedModel());
  await models.close();
  activeModel.set('fixture-model-1');

  await saveMnistModel({
    weights: [Float32Array.from([0.5, -0.25, 1, 0]), Float32Array.from([0.125, 2])],
    testAccuracy: 0.981,
    trainCount: 60_000,
    epochs: 4,
    noise: 0.2,
    noiseKind: 'uniform',
    createdAt: 1_760_000_000_001,
  });

  datasetSettings.set({ ...DEFAULT_SETTINGS, classes: ['ball', 'cup'], valRatio: 0.25 });
  backendPreference.set('wasm');

  const names = (await indexedDB.databases()).map((info) => info.name as string).sort();
  const databases = [];
  for (const name of names) {
    const snapshot = await dumpDatabase(name);
    if (snapshot) databases.push(snapshot);
  }
  const settings = Object.keys(localStorage)
    .filter((key) => key.startsWith('tama-lab:'))
    .sort()
    .map((key) => [key, localStorage.getItem(key) as string]);
  return { writtenBy, databases, localStorage: Object.fromEntries(settings) };
}
