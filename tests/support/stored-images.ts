// What the app's on-device dataset (IndexedDB) holds, read straight from the page: every stored photo's
// record without its image bytes.
import type { Page } from 'playwright-core';
import type { StoredImage } from '../../src/dataset/dataset-store.ts';

export type StoredRecord = Omit<StoredImage, 'blob'>;

export function storedImages(page: Page): Promise<StoredRecord[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRecord[]>((resolve, reject) => {
        const open = indexedDB.open('tama-lab-dataset');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('images').objectStore('images').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result.map(({ blob: _blob, ...record }: StoredImage) => record));
          };
        };
      }),
  );
}
