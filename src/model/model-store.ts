// Fine-tuned models on this device, in their own IndexedDB database (so a model write can never touch
// the photos), plus which one the live view and the labeling suggestions use, plus the checkpoint of
// a run that has not finished (so a reload, a closed tab or a crash does not lose its best heads).
import type { DBSchema, IDBPDatabase } from 'idb';
import type { BackendChoice, BackendName } from '../shared/backend/backends.ts';
import { contextKey } from '../shared/context-key.ts';
import { openAppDatabase } from '../shared/database-open.ts';
import { defineSetting, isString } from '../shared/settings.ts';
import { asStorageFull } from '../shared/storage-full.ts';
import type { Box } from './geometry.ts';
import type { EpochReport, TrainedModel, TrainedModelMeta, TrainSettings } from './trained-model.ts';

interface StoredModel {
  id: string;
  meta: TrainedModelMeta;
  weights: ArrayBuffer;
}

/** A photo of a run's dataset snapshot: which photo (dataset id) and the boxes it was trained with. */
export interface SnapshotPhoto {
  id: string;
  boxes: { box: Box; label: string }[];
}

/** Where a run stood after its last finished epoch: enough to keep its best heads or to go on. */
export interface EpochState {
  /** The last finished epoch. */
  epoch: number;
  epochs: EpochReport[];
  stockValMAP50: number | null;
  bestEpoch: number;
  bestScore: { map: number; loss: number };
  /** The best heads so far (a trained model's weights order). */
  best: Float32Array;
  /** The heads after `epoch`, with Adam's moments and step count. */
  values: Float32Array;
  firstMoment: Float32Array;
  secondMoment: Float32Array;
  steps: number;
  /** The backend that ran `epoch`. */
  backend: BackendName;
  /** Time spent so far, all of it and computing the views' features. */
  ms: number;
  featuresMs: number;
}

/** A run that has not finished yet, saved after each of its epochs; deleted when it finishes or is cancelled. */
export interface RunCheckpoint {
  id: string;
  name: string;
  startedAt: number;
  savedAt: number;
  settings: TrainSettings;
  /** The backend the user asked for. */
  backend: BackendChoice;
  /** The photos it trains and validates on, so a resumed run uses the same split and labels. */
  photos: { train: SnapshotPhoto[]; val: SnapshotPhoto[] };
  state: EpochState;
}

interface ModelSchema extends DBSchema {
  models: { key: string; value: StoredModel };
  runs: { key: string; value: RunCheckpoint };
}

const DB_VERSION = 2;

const stored = (model: TrainedModel): StoredModel => ({
  id: model.meta.id,
  meta: model.meta,
  weights: model.weights.buffer.slice(
    model.weights.byteOffset,
    model.weights.byteOffset + model.weights.byteLength,
  ) as ArrayBuffer,
});

export class ModelStore {
  private readonly db: Promise<IDBPDatabase<ModelSchema>>;

  constructor(name = 'tama-lab-models') {
    // Only adds what is missing: a v1 database keeps every model it holds.
    this.db = openAppDatabase<ModelSchema>(name, DB_VERSION, (db) => {
      if (!db.objectStoreNames.contains('models')) db.createObjectStore('models', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('runs')) db.createObjectStore('runs', { keyPath: 'id' });
    });
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
    try {
      await (await this.db).put('models', stored(model));
    } catch (error) {
      throw asStorageFull(error);
    }
  }

  /**
   * Saves `model` and deletes the checkpoint `runId` in one transaction: either the run became a
   * model, or (full disk, crash) the checkpoint is still there.
   */
  async putFromRun(model: TrainedModel, runId: string): Promise<void> {
    try {
      const transaction = (await this.db).transaction(['models', 'runs'], 'readwrite');
      await Promise.all([
        transaction.objectStore('models').put(stored(model)),
        transaction.objectStore('runs').delete(runId),
        transaction.done,
      ]);
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

  /** Replaces the run's checkpoint; a full disk is a StorageFullError (the run itself goes on). */
  async saveRun(checkpoint: RunCheckpoint): Promise<void> {
    try {
      await (await this.db).put('runs', checkpoint);
    } catch (error) {
      throw asStorageFull(error);
    }
  }

  /** The most recently saved unfinished run, if any. */
  async unfinishedRun(): Promise<RunCheckpoint | undefined> {
    const runs = await (await this.db).getAll('runs');
    return runs.sort((a, b) => b.savedAt - a.savedAt)[0];
  }

  async deleteRun(id: string): Promise<void> {
    await (await this.db).delete('runs', id);
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
