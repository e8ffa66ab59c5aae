// An IndexedDB database that will not open is reported, never repaired by deleting it: the photos and
// models in it are the user's, and the next version of the app (or the next try) may open it fine.
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
