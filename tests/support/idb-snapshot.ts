// IndexedDB databases as JSON, schema and records, so a test can rebuild exactly what an older version
// of the app wrote (tests/fixtures/idb-v1.json, from scripts/make-idb-fixture.ts) and check that today's
// stores still read it. Runs in the browser. Values that JSON cannot hold are tagged: Blobs, binary
// buffers and typed arrays as base64, plus undefined and the non-finite numbers.

export interface IndexSnapshot {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

export interface StoreSnapshot {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IndexSnapshot[];
  /** Records in key order; `key` is left out for in-line keys (keyPath). */
  records: { key?: unknown; value: unknown }[];
}

export interface DatabaseSnapshot {
  name: string;
  version: number;
  stores: StoreSnapshot[];
}

export interface StorageSnapshot {
  /** Which code wrote it, for the reader of the fixture. */
  writtenBy: string;
  databases: DatabaseSnapshot[];
  /** The app's settings (localStorage keys starting with "tama-lab:"), raw. */
  localStorage: Record<string, string>;
}

type Tagged = { $: string; [key: string]: unknown };

const TYPED_ARRAYS = {
  Float32Array,
  Float64Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint8ClampedArray,
  Uint16Array,
  Uint32Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** A structured-cloneable value as JSON (Blobs are read, hence async). */
export async function encodeValue(value: unknown): Promise<unknown> {
  if (value === undefined) return { $: 'undefined' };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $: 'number', value: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Blob)
    return { $: 'blob', type: value.type, base64: toBase64(new Uint8Array(await value.arrayBuffer())) };
  if (value instanceof ArrayBuffer) return { $: 'buffer', base64: toBase64(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name as TypedArrayName;
    if (!(name in TYPED_ARRAYS)) throw new Error(`cannot snapshot a ${name}`);
    return {
      $: 'typed',
      type: name,
      base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)),
    };
  }
  if (value instanceof Date) return { $: 'date', value: value.toISOString() };
  if (Array.isArray(value)) return Promise.all(value.map(encodeValue));
  const entries = await Promise.all(
    Object.entries(value).map(async ([key, item]) => {
      if (key === '$') throw new Error('a stored object has a "$" key, which the snapshot format reserves');
      return [key, await encodeValue(item)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export function decodeValue(json: unknown): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(decodeValue);
  const tagged = json as Tagged;
  switch (tagged.$) {
    case 'undefined':
      return undefined;
    case 'number':
      return Number(tagged.value);
    case 'blob':
      return new Blob([fromBase64(tagged.base64 as string)], { type: tagged.type as string });
    case 'buffer':
      return fromBase64(tagged.base64 as string).buffer;
    case 'typed': {
      const Type = TYPED_ARRAYS[tagged.type as TypedArrayName];
      return new Type(fromBase64(tagged.base64 as string).buffer);
    }
    case 'date':
      return new Date(tagged.value as string);
    case undefined:
      return Object.fromEntries(Object.entries(json).map(([key, item]) => [key, decodeValue(item)]));
    default:
      throw new Error(`unknown snapshot tag ${tagged.$}`);
  }
}

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** Opens `name` at its current version without upgrading it (undefined when it does not exist). */
async function openExisting(name: string): Promise<IDBDatabase | undefined> {
  if (!(await indexedDB.databases()).some((info) => info.name === name)) return undefined;
  return done(indexedDB.open(name));
}

export async function dumpDatabase(name: string): Promise<DatabaseSnapshot | undefined> {
  const db = await openExisting(name);
  if (!db) return undefined;
  try {
    const transaction = db.transaction([...db.objectStoreNames], 'readonly');
    const stores: StoreSnapshot[] = [];
    for (const storeName of [...db.objectStoreNames].sort()) {
      const store = transaction.objectStore(storeName);
      const indexes = [...store.indexNames].sort().map((indexName) => {
        const { keyPath, unique, multiEntry } = store.index(indexName);
        return { name: indexName, keyPath, unique, multiEntry };
      });
      const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
      const records = await Promise.all(
        values.map(async (value, i) => ({
          ...(store.keyPath === null ? { key: await encodeValue(keys[i]) } : {}),
          value: await encodeValue(value),
        })),
      );
      stores.push({ name: storeName, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, records });
    }
    return { name, version: db.version, stores };
  } finally {
    db.close();
  }
}

/** Deletes `name` and builds it again exactly as the snapshot says: version, stores, indexes, records. */
export async function restoreDatabase(snapshot: DatabaseSnapshot, version = snapshot.version): Promise<void> {
  await done(indexedDB.deleteDatabase(snapshot.name));
  const request = indexedDB.open(snapshot.name, version);
  request.onupgradeneeded = () => {
    const db = request.result;
    for (const { name, keyPath, autoIncrement, indexes, records } of snapshot.stores) {
      const store = db.createObjectStore(name, { keyPath, autoIncrement });
      for (const index of indexes)
        store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      for (const { key, value } of records) {
        if (key === undefined) store.add(decodeValue(value));
        else store.add(decodeValue(value), decodeValue(key) as IDBValidKey);
      }
    }
  };
  const db = await done(request);
  db.close();
}
