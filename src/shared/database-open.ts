// An IndexedDB database that will not open is reported, never repaired by deleting it: the photos and
// models in it are the user's, and the next version of the app (or the next try) may open it fine.
import { type DBSchema, type IDBPDatabase, type OpenDBCallbacks, openDB } from 'idb';
import { type ProblemCode, ProblemError, problem } from './problem.ts';
import { asStorageFull } from './storage-full.ts';

/**
 * For `openDB(…).catch(refuseToOpen(name))`: why the database `name` did not open, as an error the UI
 * words — its schema upgrade failed (and was rolled back as a whole), a newer version of the app wrote
 * it, or the device is full.
 */
export function refuseToOpen(name: string): (error: unknown) => never {
  return (error) => {
    const full = asStorageFull(error);
    if (full !== error) throw full;
    const code: ProblemCode =
      error instanceof DOMException && error.name === 'VersionError' ? 'storage.newerVersion' : 'storage.openFailed';
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ProblemError(problem(code, `${name}: ${reason}`));
  };
}

/**
 * For openDB's options: this tab closes its connection when a newer version of the app, in another
 * tab, upgrades the database. Kept open, it would hold that upgrade (and that tab) waiting for ever;
 * closed, this old tab's next storage call fails and its "Update available" offers the new version.
 */
export const yieldToNewerVersion = {
  blocking(_currentVersion: number, _blockedVersion: number | null, event: IDBVersionChangeEvent): void {
    (event.target as IDBDatabase).close();
  },
};

/**
 * The databases whose upgrade is waiting for another tab to let go: an old version of the app, still
 * open somewhere, that does not close its connection when asked.
 */
const waiting = new Set<string>();
const listeners = new Set<(names: readonly string[]) => void>();
const tell = () => {
  for (const listener of listeners) listener([...waiting]);
};

/** Calls `listener` with the databases waiting for other tabs, now and at every change; returns the unsubscribe. */
export function watchBlockedDatabases(listener: (names: readonly string[]) => void): () => void {
  listeners.add(listener);
  listener([...waiting]);
  return () => listeners.delete(listener);
}

/**
 * openDB as every store opens it: it yields to a newer version in another tab, says when an older one
 * holds its upgrade (watchBlockedDatabases), and reports a database that does not open (refuseToOpen).
 */
export function openAppDatabase<Schema extends DBSchema | unknown>(
  name: string,
  version: number,
  upgrade: OpenDBCallbacks<Schema>['upgrade'],
): Promise<IDBPDatabase<Schema>> {
  const opening = openDB<Schema>(name, version, {
    ...yieldToNewerVersion,
    upgrade,
    blocked() {
      waiting.add(name);
      tell();
    },
  });
  const settled = () => {
    if (waiting.delete(name)) tell();
  };
  opening.then(settled, settled);
  return opening.catch(refuseToOpen(name));
}
