import { expect } from '@esm-bundle/chai';
import { ContextProvider } from '@lit/context';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { contributorSetting } from '../../dataset/contributor.ts';
import { DatasetStore, datasetContext } from '../../dataset/dataset-store.ts';
import type { LabelPage } from './label-page.ts';
import './label-page.ts';

/** Stands in for the app shell: provides the dataset store to the page inside it. */
class StoreHost extends HTMLElement {
  store: DatasetStore | undefined;
  connectedCallback() {
    new ContextProvider(this, { context: datasetContext, initialValue: this.store });
  }
}
customElements.define('store-host', StoreHost);

async function until(condition: () => boolean, timeout = 10_000) {
  const deadline = performance.now() + timeout;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Clicks `button` with a share sheet that accepts any file, and gives back the file it was handed. */
async function sendCapturingTheFile(button: HTMLButtonElement): Promise<File> {
  let shared: File | undefined;
  Object.defineProperty(navigator, 'canShare', { configurable: true, value: () => true });
  Object.defineProperty(navigator, 'share', {
    configurable: true,
    value: async (data: ShareData) => {
      shared = data.files?.[0];
    },
  });
  try {
    button.click();
    await until(() => shared !== undefined);
    return shared as File;
  } finally {
    delete (navigator as { canShare?: unknown }).canShare;
    delete (navigator as { share?: unknown }).share;
  }
}

describe('<label-page> sends what the contributor filter shows', () => {
  const name = `tama-test-${crypto.randomUUID()}`;
  let host: StoreHost;
  let store: DatasetStore;

  before(async () => {
    store = new DatasetStore(name, () => undefined);
    const photo = (n: number, contributor: string | null) => ({
      blob: new Blob([`photo ${n}`], { type: 'image/jpeg' }),
      width: 4,
      height: 3,
      source: 'import' as const,
      contributor,
    });
    await store.addAll([
      photo(1, '田中'),
      photo(2, '田中'),
      photo(3, '田中'),
      photo(4, '12'),
      photo(5, null),
      photo(6, null),
    ]);
  });

  after(async () => {
    await store.close();
    indexedDB.deleteDatabase(name);
    contributorSetting.clear();
  });

  afterEach(() => host.remove());

  it('offers all photos, then only the chosen contributor’s, with the count on the button', async () => {
    host = Object.assign(document.createElement('store-host') as StoreHost, { store });
    const page = document.createElement('label-page') as LabelPage;
    host.append(page);
    document.body.append(host);
    const root = page.shadowRoot as ShadowRoot;
    const send = () => root.querySelector('button[data-export]') as HTMLButtonElement;
    await until(() => send()?.dataset.sendCount === '6');
    expect(send().disabled).to.equal(false);

    const gallery = root.querySelector('dataset-gallery');
    const select = gallery?.shadowRoot?.querySelector('select[data-contributor-filter]') as HTMLSelectElement;
    select.value = 'name:田中';
    select.dispatchEvent(new Event('change'));
    await until(() => send().dataset.sendCount === '3');
    expect(send().textContent).to.match(/\(3 photos\)/);
    const sent = await sendCapturingTheFile(send());
    const coco = JSON.parse(
      strFromU8(unzipSync(new Uint8Array(await sent.arrayBuffer()))['annotations.json'] as Uint8Array),
    );
    expect(sent.name).to.equal('tama-lab-dataset.zip');
    expect(coco.images.map((image: { tama_contributor?: string }) => image.tama_contributor)).to.deep.equal([
      '田中',
      '田中',
      '田中',
    ]);

    select.value = 'none';
    select.dispatchEvent(new Event('change'));
    await until(() => send().dataset.sendCount === '2');
    expect(send().textContent).to.match(/\(2 photos\)/);
    select.value = 'all';
    select.dispatchEvent(new Event('change'));
    await until(() => send().dataset.sendCount === '6');
    expect(send().textContent).to.not.match(/photos\)/);
  });

  it('has the contributor field in the Add photos card', async () => {
    host = Object.assign(document.createElement('store-host') as StoreHost, { store });
    const page = document.createElement('label-page') as LabelPage;
    host.append(page);
    document.body.append(host);
    await page.updateComplete;
    expect(page.shadowRoot?.querySelector('.drop contributor-field')).to.not.equal(null);
  });
});

describe('<label-page> import reports', () => {
  const name = `tama-test-${crypto.randomUUID()}`;
  let host: StoreHost;
  let store: DatasetStore;

  before(() => {
    store = new DatasetStore(name, () => undefined);
  });

  after(async () => {
    await store.close();
    indexedDB.deleteDatabase(name);
  });

  afterEach(() => host.remove());

  async function jpeg(color: string): Promise<Uint8Array> {
    const canvas = new OffscreenCanvas(32, 24);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.fillStyle = color;
    context.fillRect(0, 0, 32, 24);
    return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
  }

  it('says when a .zip held no photos, and when its photos were all there already', async () => {
    host = Object.assign(document.createElement('store-host') as StoreHost, { store });
    const page = document.createElement('label-page') as LabelPage;
    host.append(page);
    document.body.append(host);
    await page.updateComplete;
    const report = () => page.shadowRoot?.querySelector('import-report')?.shadowRoot as ShadowRoot;
    const said = () => report().querySelector('[role="status"] p')?.textContent?.replace(/\s+/g, ' ').trim();
    const zip = (entries: Record<string, Uint8Array>) =>
      new File([zipSync(entries) as Uint8Array<ArrayBuffer>], 'class.zip', { type: 'application/zip' });

    await page._importFiles([zip({})]);
    await page.updateComplete;
    expect(said()).to.match(/^The \.zip held no photos: nothing was added\./);

    const photos = { 'a.jpg': await jpeg('#c33'), 'b.jpg': await jpeg('#3c3') };
    await page._importFiles([zip(photos)]);
    await page.updateComplete;
    expect(said()).to.equal('Added 2 photos.');
    await page._importFiles([zip(photos)]);
    await page.updateComplete;
    const status = report().querySelector('[data-imported]') as HTMLElement;
    expect([status.dataset.imported, status.dataset.duplicates]).to.deep.equal(['0', '2']);
    expect(said()).to.equal('Nothing new was added. 2 were already in the dataset and were not added again.');
    expect((await store.list()).length).to.equal(2);
  });
});
