// The last trained MNIST model on this device (IndexedDB), so the drawing pad works after a reload.
import { openDB } from 'idb';

export interface SavedMnistModel {
  weights: Float32Array[];
  testAccuracy: number;
  trainCount: number;
  epochs: number;
  noise: number;
  noiseKind: string;
  createdAt: number;
}

const database = () =>
  openDB('tama-lab-mnist', 1, {
    upgrade(db) {
      db.createObjectStore('models');
    },
  });

export async function saveMnistModel(model: SavedMnistModel): Promise<void> {
  const db = await database();
  await db.put('models', model, 'latest');
  db.close();
}

export async function loadMnistModel(): Promise<SavedMnistModel | undefined> {
  const db = await database();
  const model = (await db.get('models', 'latest')) as SavedMnistModel | undefined;
  db.close();
  return model;
}
