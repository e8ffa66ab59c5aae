// End-to-end: the installed app as a share target. Files are POSTed to ./receive the way Android's share
// sheet does (a multipart form navigation, which the service worker takes), then imported by content:
// a model into the model list, photos into the dataset without duplicates, anything else refused
// with a message naming the file while nothing changes. The inbox is empty after every arrival.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { useAppUnderTest } from '../support/app-under-test.ts';

const root = join(import.meta.dirname, '../..');
const app = useAppUnderTest();

interface Upload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}
const upload = (name: string, bytes: Uint8Array | string, mimeType = 'application/zip'): Upload => ({
  name,
  mimeType,
  buffer: Buffer.from(typeof bytes === 'string' ? strToU8(bytes) : bytes),
});

// The default ball model's heads under another id and name: a real, loadable Tama Lab model.
const MODEL_ID = 'class-model-e2e';
const MODEL_NAME = 'クラスのモデル';
const modelDir = join(root, 'public/models/ball');
const modelZip = zipSync({
  'model.json': strToU8(
    JSON.stringify({
      ...JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')),
      id: MODEL_ID,
      name: MODEL_NAME,
    }),
  ),
  'weights.bin': readFileSync(join(modelDir, 'weights.bin')),
});
const photo = (i: number) => readFileSync(join(root, `datasets/sample/images/s1-0000${i}.jpg`));
const photosZip = (indices: number[]) =>
  zipSync(Object.fromEntries(indices.map((i) => [`photos/s1-0000${i}.jpg`, [photo(i), { level: 0 }]])));

interface Counts {
  models: number;
  photos: number;
  inbox: number;
}

/** Straight from the app's IndexedDB and Cache Storage, so the numbers do not depend on any screen. */
function counts(page: Page): Promise<Counts> {
  // No named helper functions inside: tsx would wrap them in a __name() the page does not have.
  return page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((info) => info.name);
    const found: number[] = [];
    for (const [database, store] of [
      ['tama-lab-models', 'models'],
      ['tama-lab-dataset', 'images'],
    ] as const) {
      // Opening a database that does not exist would create it empty and break the app's upgrade.
      if (!databases.includes(database)) {
        found.push(0);
        continue;
      }
      found.push(
        await new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(database);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction(store).objectStore(store).count();
            request.onsuccess = () => {
              open.result.close();
              resolve(request.result);
            };
            request.onerror = () => reject(request.error);
          };
        }),
      );
    }
    const inbox = (await caches.has('tama-share-inbox'))
      ? (await (await caches.open('tama-share-inbox')).keys()).length
      : 0;
    return { models: found[0] ?? -1, photos: found[1] ?? -1, inbox };
  });
}

/** What the OS share sheet does: a multipart POST navigation to the manifest's share_target action. */
async function shareToApp(page: Page, files: Upload[]): Promise<void> {
  await page.evaluate((action) => {
    document.getElementById('share-sheet')?.remove();
    const form = Object.assign(document.createElement('form'), {
      id: 'share-sheet',
      method: 'post',
      enctype: 'multipart/form-data',
      action,
    });
    form.append(Object.assign(document.createElement('input'), { type: 'file', name: 'files', multiple: true }));
    document.body.append(form);
  }, `${app.server.url}/receive`);
  await page.locator('#share-sheet input').setInputFiles(files);
  // Only the service worker answers with this redirect: the preview server knows nothing of ?shared=.
  await Promise.all([
    page.waitForURL(`${app.server.url}/receive?shared=${files.length}`, { waitUntil: 'commit', timeout: 60_000 }),
    page.evaluate(() => (document.getElementById('share-sheet') as HTMLFormElement).submit()),
  ]);
  await page
    .locator('receive-page li[data-result]')
    .nth(files.length - 1)
    .waitFor({ timeout: 120_000 });
  await page.locator('[data-receiving]').waitFor({ state: 'detached' });
}

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

/** The receive page's text in a Japanese UI: no English besides file names and the names LINE and .zip. */
async function assertJapaneseOnly(page: Page, fileNames: string[]) {
  // The page's own text lives in its shadow root, which the host's textContent does not include.
  let shown = await page.locator('receive-page').evaluate((page) => page.shadowRoot?.textContent ?? '');
  assert.match(shown, /受け取ったファイル/);
  for (const name of fileNames) shown = shown.replaceAll(name, '');
  shown = shown.replaceAll('LINE', '').replaceAll('.zip', '');
  assert.doesNotMatch(shown, /[A-Za-z]{2,}/, shown);
}

/** The files the app handed to the (recorded) share sheet, oldest first. */
function sharedFiles(page: Page): Promise<{ title: string; name: string; base64: string }[]> {
  return page.evaluate(() =>
    Promise.all(
      (window as unknown as { __shared: { title: string; files: File[] }[] }).__shared.map(async ({ title, files }) => {
        const bytes = new Uint8Array(await (files[0] as File).arrayBuffer());
        let binary = '';
        for (const byte of bytes) binary += String.fromCharCode(byte);
        return { title, name: (files[0] as File).name, base64: btoa(binary) };
      }),
    ),
  );
}

/** What the Train page's 送る produced: a zip to send back to the app. */
let sentModel: Buffer | undefined;

describe('share target: models and datasets sent to the app', () => {
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    context = await app.browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
    // A phone's Web Share, recorded: "Send" and "Give to the class" then take the share-sheet path.
    // (A string, so tsx adds no helpers the page lacks.)
    await context.addInitScript(`
      window.__shared = [];
      navigator.canShare = (data) => Array.isArray(data?.files) && data.files.length > 0;
      navigator.share = async (data) => { window.__shared.push(data); };
    `);
    page = await context.newPage();
  });
  after(async () => {
    await context.close();
  });

  test('opened with nothing shared, the page says so and offers the Label and Train pages', async () => {
    await page.goto(`${app.server.url}/receive`);
    await page.locator('h1', { hasText: '受け取ったファイル' }).waitFor();
    await page.locator('[data-nothing-received]').waitFor();
    const links = page.locator('receive-page .actions a');
    assert.deepEqual(await links.allInnerTexts(), ['ラベル付け', '学習']);
    for (const height of await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().height)))
      assert.ok(height >= 44, `link is ${height} px tall`);
    await assertJapaneseOnly(page, []);
    // Installed and active, so the next navigation (the share) goes through the service worker.
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    assert.deepEqual(await counts(page), { models: 0, photos: 0, inbox: 0 });
  });

  test('a model zip and a dataset zip in one share: each recognised by content and imported', async () => {
    // Names as a messaging app's download leaves them: neither says what is inside.
    await shareToApp(page, [upload('download.zip', modelZip), upload('file (1).zip', photosZip([0, 1, 2]))]);
    const model = page.locator('li[data-result="model"]');
    assert.equal(await model.getAttribute('data-model-id'), MODEL_ID);
    assert.match(await text(model), /モデル「クラスのモデル」を追加しました/);
    const dataset = page.locator('li[data-result="dataset"]');
    assert.deepEqual(
      [await dataset.getAttribute('data-added'), await dataset.getAttribute('data-duplicates')],
      ['3', '0'],
    );
    assert.match(await text(dataset), /「file \(1\)\.zip」から写真を 3 枚追加しました/);
    await assertJapaneseOnly(page, ['download.zip', 'file (1).zip']);
    assert.deepEqual(await counts(page), { models: 1, photos: 3, inbox: 0 });
    assert.equal(new URL(page.url()).search, '', 'the arrival count is gone from the address');

    // "Use it for live detection" makes it the active model and opens the live view.
    await page.locator(`a[data-use-model="${MODEL_ID}"]`).click();
    await page.locator('detect-page').waitFor();
    assert.equal(new URL(page.url()).pathname, '/detect');
    assert.equal(await page.evaluate(() => localStorage.getItem('tama-lab:v1:active-model')), `"${MODEL_ID}"`);
    // And it is in the Train page's model list (an in-app navigation, no reload).
    await page.evaluate(() => {
      history.pushState(null, '', '/train');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    const listed = page.locator(`trained-model-list li[data-model="${MODEL_ID}"]`);
    await listed.waitFor();

    // 送る on the model: the share sheet gets the model's zip.
    const send = listed.locator('[data-model-send]');
    assert.equal((await send.textContent())?.trim(), '送る');
    await send.click();
    await page.waitForFunction(() => (window as unknown as { __shared: unknown[] }).__shared.length === 1);
    const [sent] = await sharedFiles(page);
    assert.equal(sent?.name, `tama-lab-model-${MODEL_NAME}.zip`);
    assert.equal(sent?.title, `たまラボのモデル「${MODEL_NAME}」`);
    sentModel = Buffer.from(sent?.base64 ?? '', 'base64');

    // クラスに配る: the same model to the share sheet, then the way to the app's QR code.
    await page.locator('model-comparison [data-distribute]').click();
    const note = page.locator('model-comparison [data-distributed="shared"]');
    await note.waitFor();
    assert.match(await text(note), /モデルを送りました/);
    assert.equal((await sharedFiles(page)).length, 2);
    await note.getByRole('link', { name: 'アプリの QR コードを表示' }).click();
    await page.locator('share-page [data-share-qr]').waitFor();
  });

  test('sent again: the same model and overlapping photos add only what is new, and say so', async () => {
    // The model as the Train page's 送る made it, so Send → receive is one round trip.
    assert.ok(sentModel, 'the model was sent in the previous test');
    await shareToApp(page, [upload('model.zip', sentModel), upload('photos.zip', photosZip([1, 2, 3]))]);
    assert.match(
      await text(page.locator('li[data-result="model"]')),
      /モデル「クラスのモデル」はすでにこの端末にあります/,
    );
    const dataset = page.locator('li[data-result="dataset"]');
    assert.deepEqual(
      [await dataset.getAttribute('data-added'), await dataset.getAttribute('data-duplicates')],
      ['1', '2'],
    );
    assert.match(await text(dataset), /2 枚はすでにデータセットにあるため、追加しませんでした/);
    assert.deepEqual(await counts(page), { models: 1, photos: 4, inbox: 0 });
  });

  test('a text file renamed .zip, a zip of other files and a broken zip are refused, changing nothing', async () => {
    const files = [
      upload('model.zip', 'これはモデルではありません'),
      upload('notes.zip', zipSync({ 'notes.txt': strToU8('宿題'), 'data.bin': new Uint8Array([1, 2, 3]) })),
      upload('broken.zip', modelZip.slice(0, Math.floor(modelZip.length / 2))),
    ];
    await shareToApp(page, files);
    const refused = page.locator('li[data-result="refused"]');
    assert.equal(await refused.count(), 3);
    assert.deepEqual(await refused.evaluateAll((all) => all.map((li) => li.getAttribute('data-reason'))), [
      'not-zip',
      'other',
      'corrupt',
    ]);
    const texts = await refused.allInnerTexts();
    files.forEach(({ name }, i) => {
      assert.ok(texts[i]?.includes(`「${name}」`), `names ${name}: ${texts[i]}`);
      assert.ok(texts[i]?.includes('何も変更していません'), texts[i]);
    });
    assert.equal(await page.locator('li[data-result="model"], li[data-result="dataset"]').count(), 0);
    await assertJapaneseOnly(
      page,
      files.map((f) => f.name),
    );
    assert.deepEqual(await counts(page), { models: 1, photos: 4, inbox: 0 });
  });
});
