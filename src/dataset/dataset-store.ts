// The on-device dataset: photos as Blobs with their labels, in IndexedDB (via idb), so everything
// survives reloads and offline use. Camera images never leave the device.
import type { DBSchema, IDBPDatabase, IDBPObjectStore } from 'idb';
import type { Box } from '../model/geometry.ts';
import { contextKey } from '../shared/context-key.ts';
import { openAppDatabase } from '../shared/database-open.ts';
import { asStorageFull } from '../shared/storage-full.ts';
import { contentHash } from './content-hash.ts';
import { contributorSetting, normalizeContributor } from './contributor.ts';

export interface LabeledBox {
  box: Box;
  label: string;
}

export interface StoredImage {
  id: string;
  blob: Blob;
  width: number;
  height: number;
  createdAt: number;
  source: 'camera' | 'import';
  boxes: LabeledBox[];
  /** Marked by the user as containing no ball: a negative example, not "unlabelled". */
  negative: boolean;
  /** Frames of one burst share this, so the train/validation split keeps them on the same side. */
  burstId?: string;
  /** SHA-256 of `blob` (see content-hash.ts), kept so duplicates are found without rereading photos. */
  hash?: string;
  /** Who took it (see contributor.ts); absent on photos without a name and on those stored before names. */
  contributor?: string;
}

export type NewImage = Omit<StoredImage, 'id' | 'createdAt' | 'boxes' | 'negative' | 'contributor'> &
  Partial<Omit<StoredImage, 'contributor'>> & {
    /**
     * Left out, the photo is this device's own and gets the contributor set on it. `null` says the photo
     * is known to have no name (a classmate's, from a zip), so this device's name is not stamped on it.
     */
    contributor?: string | null;
  };

interface DatasetSchema extends DBSchema {
  images: { key: string; value: StoredImage; indexes: { 'by-created': number } };
}

export class DatasetStore {
  private readonly db: Promise<IDBPDatabase<DatasetSchema>>;

  /** Read at every add, so a name set on the Label page applies to the next burst on the Detect page. */
  private readonly _contributor: () => string | undefined;

  constructor(name = 'tama-lab-dataset', contributor: () => string | undefined = () => contributorSetting.get()) {
    this._contributor = contributor;
    this.db = openAppDatabase<DatasetSchema>(name, 1, (db) => {
      db.createObjectStore('images', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
    });
  }

  async add(image: NewImage): Promise<StoredImage> {
    const [stored] = await this.addAll([image]);
    return stored as StoredImage;
  }

  /**
   * Adds all images in one transaction: either every one is stored or, on any failure, none is. Each
   * is stored with its content hash (computed first: awaiting inside the transaction would end it) and
   * its contributor: its own if it has one, else this device's (see NewImage.contributor).
   */
  async addAll(images: readonly NewImage[]): Promise<StoredImage[]> {
    const now = Date.now();
    const hashes = await Promise.all(images.map((image) => image.hash ?? contentHash(image.blob)));
    const own = normalizeContributor(this._contributor());
    const stored = images.map(({ contributor = own, ...image }, i): StoredImage => {
      const name = normalizeContributor(contributor);
      return {
        id: crypto.randomUUID(),
        createdAt: now + i,
        boxes: [],
        negative: false,
        ...image,
        hash: hashes[i] as string,
        ...(name ? { contributor: name } : {}),
      };
    });
    await this._write((store) => stored.map((image) => store.add(image)));
    return stored;
  }

  /** Replaces a stored image as a whole (boxes, "no ball" mark…); also restores a deleted one. */
  async put(image: StoredImage): Promise<void> {
    await this._write((store) => [store.put(image)]);
  }

  private async _write(
    requests: (store: IDBPObjectStore<DatasetSchema, ['images'], 'images', 'readwrite'>) => Promise<unknown>[],
  ): Promise<void> {
    const transaction = (await this.db).transaction('images', 'readwrite');
    try {
      await Promise.all([...requests(transaction.store), transaction.done]);
    } catch (error) {
      // The transaction aborted as a whole, so nothing was half-written.
      throw asStorageFull(error);
    }
  }

  async get(id: string): Promise<StoredImage | undefined> {
    return (await this.db).get('images', id);
  }

  async count(): Promise<number> {
    return (await this.db).count('images');
  }

  async list(): Promise<StoredImage[]> {
    return (await this.db).getAllFromIndex('images', 'by-created');
  }

  async delete(id: string): Promise<void> {
    await (await this.db).delete('images', id);
  }

  async close(): Promise<void> {
    (await this.db).close();
  }
}

export const datasetContext = contextKey<DatasetStore>('dataset');
