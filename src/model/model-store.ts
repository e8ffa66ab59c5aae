// Fine-tuned models on this device, in their own IndexedDB database (so a model write can never touch
// the photos), plus which one the live view and the labeling suggestions use.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { contextKey } from '../shared/context-key.ts';
import { refuseToOpen } from '../shared/database-open.ts';
import { defineSetting, isString } from '../shared/settings.ts';
import { asStorageFull } from '../shared/storage-full.ts';
import type { TrainedModel, TrainedModelMeta } from './trained-model.ts';

interface StoredModel {
  id: string;
  meta: TrainedModelMeta;
  weights: ArrayBuffer;
}

interface ModelSchema extends DBSchema {
  models: { key: string; value: StoredModel };
}

export class ModelStore {
  private readonly db: Promise<IDBPDatabase<ModelSchema>>;

  constructor(name = 'tama-lab-models') {
    this.db = openDB<ModelSchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('models', { keyPath: 'id' });
      },
    }).catch(refuseToOpen(name));
  }

  /** Newest first. */
  async list(): Promise<TrainedModelMeta[]> {
    const all = await (await this.db).getAll('models');
    return all.map((stored) => stored.meta).sort((a, b) => b.createdAt - a.createdAt);
  }

  async get(id: string): Promise<TrainedModel | undefined> {
    const stored = await (await this.db).get('models', id);
    return stored && { meta: stored.meta, weights: new Float32Array(stored.weights) };
  }

  async put(model: TrainedModel): Promise<void> {
    const weights = model.weights.buffer.slice(
      model.weights.byteOffset,
      model.weights.byteOffset + model.weights.byteLength,
    ) as ArrayBuffer;
    try {
      await (await this.db).put('models', { id: model.meta.id, meta: model.meta, weights });
    } catch (error) {
      throw asStorageFull(error);
    }
  }

  async rename(id: string, name: string): Promise<void> {
    const db = await this.db;
    const transaction = db.transaction('models', 'readwrite');
    const stored = await transaction.store.get(id);
    if (stored) await transaction.store.put({ ...stored, meta: { ...stored.meta, name } });
    await transaction.done;
  }

  async delete(id: string): Promise<void> {
    await (await this.db).delete('models', id);
    if (activeModel.get() === id) activeModel.set('');
  }

  async close(): Promise<void> {
    (await this.db).close();
  }
}

export const modelStoreContext = contextKey<ModelStore>('models');

/** activeModel's value for stock COCO-SSD "sports ball"; '' is the default ball model, else a model id. */
export const STOCK_COCO = 'coco';

/** The model the live view and suggestions use: '' (the default ball model), STOCK_COCO, or a stored model's id. */
export const activeModel = defineSetting('active-model', {
  version: 1,
  fallback: '',
  parse: isString,
  legacyKey: 'tama-lab:active-model',
});

/** What the active choice loads: a stored model (if it still exists), stock COCO, else the default model. */
export async function activeDetectorModel(store: ModelStore | undefined): Promise<'default' | 'coco' | TrainedModel> {
  const id = activeModel.get();
  if (id === '') return 'default';
  if (id === STOCK_COCO) return 'coco';
  return (await store?.get(id)) ?? 'default';
}
