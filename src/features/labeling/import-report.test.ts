import { expect } from '@esm-bundle/chai';
import type { SkippedItem } from '../../dataset/import-files.ts';
import { describeSkip } from '../../shared/errors.ts';
import { StorageFullError } from '../../shared/storage-full.ts';
import type { ImportReport, ImportReportValue } from './import-report.ts';
import './import-report.ts';

describe('<import-report>', () => {
  let report: ImportReport;

  async function show(value: ImportReportValue) {
    report.report = value;
    await report.updateComplete;
    return report.shadowRoot as ShadowRoot;
  }

  const text = (root: ShadowRoot) => root.querySelector('[role="status"] p')?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(() => {
    report = document.createElement('import-report');
    document.body.append(report);
  });

  afterEach(() => report.remove());

  it('says how many were added and leads straight into labeling them', async () => {
    const opened: (string | undefined)[] = [];
    report.addEventListener('tama-editor-open', (event) => opened.push(event.detail));
    const root = await show({ stored: 3, skipped: [], duplicates: 0, firstId: 'photo-1' });
    expect(text(root)).to.equal('Added 3 photos.');
    (root.querySelector('[data-open-imported]') as HTMLButtonElement).click();
    expect(opened).to.deep.equal(['photo-1']);
  });

  it('names the sample added a second time, and any repeat, instead of "added 0"', async () => {
    let root = await show({ stored: 0, skipped: [], duplicates: 64, sample: true });
    expect(text(root)).to.equal(
      'The sample dataset is already in your dataset: nothing new was added. 64 were already in the dataset and were not added again.',
    );
    expect(root.querySelector('[data-open-imported]')).to.equal(null);
    root = await show({ stored: 0, skipped: [], duplicates: 2 });
    expect(text(root)).to.match(/^Nothing new was added\. 2 were already/);
    root = await show({ stored: 1, skipped: [], duplicates: 2 });
    expect(text(root)).to.match(/^Added 1 photos\. 2 were already/);
  });

  it('says an empty .zip held no photos, whether or not the import listed it as left out', async () => {
    let root = await show({ stored: 0, skipped: [], duplicates: 0 });
    expect(text(root)).to.equal('The .zip held no photos: nothing was added.');
    const empty: SkippedItem = {
      item: 'empty.zip',
      reason: 'the archive holds no photos',
      problem: { code: 'archive.empty', detail: 'the archive holds no photos' },
    };
    root = await show({ stored: 0, skipped: [empty], duplicates: 0 });
    expect(text(root)).to.equal('The .zip held no photos: nothing was added.');
    expect(root.querySelector('[data-imported]')?.getAttribute('data-skipped')).to.equal('1');
  });

  it('words each item left out with describeSkip, the English reason only folded under it', async () => {
    const skipped: SkippedItem[] = [
      {
        item: 'notes.txt',
        reason: 'not an image (text/plain)',
        problem: { code: 'file.notImage', detail: 'not an image (text/plain)' },
      },
      {
        item: 'broken.jpg',
        reason: 'corrupt or unsupported image',
        problem: { code: 'image.unreadable', detail: 'corrupt or unsupported image' },
      },
    ];
    const root = await show({ stored: 1, skipped, duplicates: 0, firstId: 'x' });
    const items = [...root.querySelectorAll('[data-skip]')];
    expect(items).to.have.length(2);
    items.forEach((item, i) => {
      const skip = skipped[i] as SkippedItem;
      const reason = item.querySelector('[data-skip-reason]')?.textContent;
      expect(reason).to.equal(describeSkip(skip));
      expect(reason).to.not.contain(skip.reason);
      const details = item.querySelector('details') as HTMLDetailsElement;
      expect(details.open).to.equal(false);
      expect(details.querySelector('code')?.textContent).to.equal(skip.reason);
      // Folded: not shown until asked for.
      expect((details.querySelector('code') as HTMLElement).checkVisibility()).to.equal(false);
      details.open = true;
      expect((details.querySelector('code') as HTMLElement).checkVisibility()).to.equal(true);
    });
  });

  it('shows an error as an alert in the user’s words, its technical detail folded', async () => {
    let root = await show({ error: new StorageFullError() });
    expect(root.querySelector('[role="alert"][data-import-error]')?.textContent).to.equal(
      'The device storage is full: nothing was imported.',
    );
    root = await show({ error: new SyntaxError('Unexpected token } in JSON at position 7') });
    const alert = root.querySelector('[role="alert"][data-import-error]') as HTMLElement;
    expect(alert.querySelector('.error-text')?.textContent).to.match(/^Dataset error: /);
    expect(alert.querySelector('.error-text')?.textContent).to.not.contain('Unexpected token');
    expect(alert.querySelector('details')?.textContent).to.contain('Unexpected token');
  });
});
