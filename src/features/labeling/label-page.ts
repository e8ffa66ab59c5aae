import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { describeError } from '../../shared/errors.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { exportArchive, type ImportReport, importArchive } from '../dataset/archive.ts';
import { datasetContext, StorageFullError } from '../dataset/dataset-store.ts';
import '../../shared/ui/planned-feature.ts';

/** The labeling section: capture or import photos and draw boxes around balls. */
export class LabelPage extends LitElement {
  static override properties = { _revision: { state: true }, _report: { state: true }, _busy: { state: true } };
  static override styles = pageStyles;

  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  private readonly _count = new Task(this, {
    args: () => [this._dataset.value, this._revision] as const,
    task: async ([store]) => (store ? store.count() : 0),
  });
  declare private _revision: number;
  declare private _report: (ImportReport & { stored: number }) | { error: string } | undefined;
  declare private _busy: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._revision = 0;
    this._busy = false;
  }

  private async _onImport(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) await this._import(async () => new Uint8Array(await file.arrayBuffer()));
  }

  private _onImportSample() {
    return this._import(async () => {
      const response = await fetch('/datasets/sample.zip');
      if (!response.ok) throw new Error(`sample dataset: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    });
  }

  private async _import(read: () => Promise<Uint8Array>) {
    const store = this._dataset.value;
    if (!store) return;
    this._busy = true;
    try {
      const report = await importArchive(await read());
      const stored = await store.addAll(
        report.images.map(({ blob, width, height, boxes, negative }) => ({
          blob,
          width,
          height,
          boxes,
          negative,
          source: 'import' as const,
        })),
      );
      this._report = { ...report, stored };
    } catch (error) {
      this._report = {
        error:
          error instanceof StorageFullError
            ? msg('The device storage is full: nothing was imported.', { id: 'label.import.full' })
            : describeError('dataset', error),
      };
    } finally {
      this._busy = false;
      this._revision++;
    }
  }

  private async _onExport() {
    const store = this._dataset.value;
    if (!store) return;
    this._busy = true;
    try {
      const zip = await exportArchive(await store.list());
      const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: 'tama-lab-dataset.zip' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this._report = { error: describeError('dataset', error) };
    } finally {
      this._busy = false;
    }
  }

  private _renderReport() {
    const report = this._report;
    if (!report) return nothing;
    if ('error' in report) return html`<p class="error" role="alert" data-import-error>${report.error}</p>`;
    return html`<div role="status" data-imported=${report.stored} data-skipped=${report.skipped.length}>
      <p>${msg(str`Imported ${report.stored} photos (${report.format}); skipped ${report.skipped.length}.`, { id: 'label.import.report' })}</p>
      ${report.skipped.length ? html`<ul>${report.skipped.map((s) => html`<li><code>${s.item}</code>: ${s.reason}</li>`)}</ul>` : nothing}
    </div>`;
  }

  override render() {
    return html`
      <h1>${msg('Labeling', { id: 'label.title' })}</h1>
      <p class="lead">${msg('Build your own ball dataset: take photos and draw a box around every ball.', { id: 'label.lead' })}</p>
      <section class="card">
        <p data-dataset-count=${this._count.value ?? ''}>
          ${msg(str`Photos in your dataset on this device: ${this._count.value ?? '…'}`, { id: 'label.count' })}
        </p>
        <div class="actions">
          <label class="button">${msg('Import COCO / YOLO .zip', { id: 'label.import' })}
            <input type="file" accept=".zip,application/zip" ?disabled=${this._busy} @change=${this._onImport} />
          </label>
          <button ?disabled=${this._busy} @click=${this._onImportSample}>${msg('Add the sample ball dataset', { id: 'label.importSample' })}</button>
          <button ?disabled=${this._busy || !this._count.value} @click=${this._onExport}>${msg('Export .zip (COCO + YOLO)', { id: 'label.export' })}</button>
        </div>
        ${this._renderReport()}
      </section>
      <planned-feature>
        <ul>
          <li>${msg('capture frames from the camera (single or burst) or import photos', { id: 'label.plan.capture' })}</li>
          <li>${msg('draw, move and resize boxes with a finger, mouse or keyboard', { id: 'label.plan.draw' })}</li>
          <li>${msg('accept boxes the model proposes', { id: 'label.plan.suggest' })}</li>
          <li>${msg('export and import COCO and YOLO datasets, and load a sample ball dataset', { id: 'label.plan.export' })}</li>
        </ul>
      </planned-feature>
    `;
  }
}

customElements.define('label-page', LabelPage);

declare global {
  interface HTMLElementTagNameMap {
    'label-page': LabelPage;
  }
}
