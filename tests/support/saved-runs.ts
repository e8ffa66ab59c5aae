// The unfinished training runs the app keeps in IndexedDB (its checkpoints), read with the browser's own API.
import type { Page } from 'playwright-core';

export interface SavedRun {
  id: string;
  epoch: number;
  bestEpoch: number;
  backend: string;
}

/** The unfinished runs as the app saved them in IndexedDB (read with the browser's own API). */
export const savedRuns = (page: Page): Promise<SavedRun[]> =>
  page.evaluate(
    () =>
      new Promise<SavedRun[]>((resolve, reject) => {
        const open = indexedDB.open('tama-lab-models');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs')) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction('runs').objectStore('runs').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(
              request.result.map((run) => ({
                id: run.id,
                epoch: run.state.epoch,
                bestEpoch: run.state.bestEpoch,
                backend: run.state.backend,
              })),
            );
          };
        };
      }),
  );
