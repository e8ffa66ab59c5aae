// Everything the app keeps in localStorage goes through here: small, synchronous, per device, never data.
// Each setting has a versioned key, a default, and a parser that turns whatever is stored (an older or
// hand-edited value) back into a valid value, or gives up and the default is used. When a setting's
// shape changes, its version goes up and the parser of the new version can read the old one.

export interface Setting<Value> {
  /** The localStorage key, e.g. "tama-lab:v1:theme". */
  readonly key: string;
  get(): Value;
  set(value: Value): void;
  clear(): void;
  /** Called after every set()/clear() in this page; returns the unsubscribe function. */
  subscribe(listener: (value: Value) => void): () => void;
}

export interface SettingOptions<Value> {
  version: number;
  fallback: Value;
  /** The stored JSON value (or, for keys written before versioning, the raw string) → a valid value. */
  parse: (stored: unknown) => Value | undefined;
  /** Key used before versioned keys; read once when the versioned key is missing. */
  legacyKey?: string;
}

const prefix = 'tama-lab:';

function read(key: string): unknown {
  const raw = safeStorage()?.getItem(key);
  if (raw === null || raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** What is used of localStorage, spelled out so this module also compiles for workers, which have none. */
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage can be missing (workers) or throw (blocked storage); settings then keep their defaults. */
function safeStorage(): KeyValueStorage | undefined {
  try {
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage;
  } catch {
    return undefined;
  }
}

export function defineSetting<Value>(name: string, options: SettingOptions<Value>): Setting<Value> {
  const key = `${prefix}v${options.version}:${name}`;
  const listeners = new Set<(value: Value) => void>();
  const setting: Setting<Value> = {
    key,
    get() {
      let stored = read(key);
      if (stored === undefined && options.legacyKey) stored = read(options.legacyKey);
      if (stored === undefined) return structuredClone(options.fallback);
      return options.parse(stored) ?? structuredClone(options.fallback);
    },
    set(value) {
      safeStorage()?.setItem(key, JSON.stringify(value));
      for (const listener of listeners) listener(value);
    },
    clear() {
      safeStorage()?.removeItem(key);
      if (options.legacyKey) safeStorage()?.removeItem(options.legacyKey);
      for (const listener of listeners) listener(options.fallback);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return setting;
}

/** Parser for a setting that is one of a few strings. */
export const oneOf =
  <Value extends string>(values: readonly Value[]) =>
  (stored: unknown): Value | undefined =>
    values.includes(stored as Value) ? (stored as Value) : undefined;

export const isString = (stored: unknown): string | undefined => (typeof stored === 'string' ? stored : undefined);

export const isBoolean = (stored: unknown): boolean | undefined =>
  typeof stored === 'boolean' ? stored : stored === 'on' || stored === 1 ? true : stored === 'off' ? false : undefined;
