// An old version of the app, still open in another tab, that does not let go of the database when a
// newer version asks (versions before the stores yielded did not): the new tab's storage upgrade waits.
// The new tab says so in the user's language, and goes on by itself once the old tab closes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useAppUnderTest } from '../support/app-under-test.ts';

const app = useAppUnderTest();

test('an old tab holds the models database at version 1: "close the other tabs", then the upgrade goes on', async () => {
  const context = await app.browser.newContext({ locale: 'ja-JP' });
  // The old tab: the app's models database as version 1 wrote it, kept open, deaf to version changes.
  const old = await context.newPage();
  await old.goto(`${app.server.url}/icons/icon-192.png`);
  await old.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('tama-lab-models', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('models', { keyPath: 'id' });
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          (window as unknown as { oldDb: IDBDatabase }).oldDb = request.result;
          resolve();
        };
      }),
  );

  const page = await context.newPage();
  await page.goto(`${app.server.url}/train`);
  const notice = page.locator('[data-storage-blocked]');
  await notice.waitFor({ timeout: 30_000 });
  const sentence = (await notice.textContent()) ?? '';
  assert.match(sentence, /ほかのたまラボのタブを閉じてください/);
  assert.doesNotMatch(sentence, /[A-Za-z]{4,}/);

  await old.close();
  await notice.waitFor({ state: 'detached', timeout: 10_000 });
  // The upgrade ran: version 2, with the store for unfinished runs, and the page goes on.
  const version = await page.evaluate(
    () =>
      new Promise<{ version: number; stores: string[] }>((resolve) => {
        const request = indexedDB.open('tama-lab-models');
        request.onsuccess = () => {
          const db = request.result;
          resolve({ version: db.version, stores: [...db.objectStoreNames] });
          db.close();
        };
      }),
  );
  assert.deepEqual(version, { version: 2, stores: ['models', 'runs'] });
  await page.locator('trained-model-list li[data-active]').first().waitFor();
  await context.close();
});
