import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { loadDatasetSettings } from '../../dataset/dataset-settings.ts';
import { datasetContext } from '../../dataset/dataset-store.ts';
import { requestPersistence } from '../../dataset/storage-status.ts';
import { activeModel, modelStoreContext } from '../../model/model-store.ts';
import { appUrl } from '../../shared/app-url.ts';
import { describeProblem } from '../../shared/errors.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { type Received, type RefusalReason, receiveFile } from './receive-file.ts';
import { receivePageStyles } from './receive-page.styles.ts';
import { inboxFiles, RECEIVE_ROUTE } from './share-inbox.ts';

/** Chromium's File Handling API: how a .zip opened from the desktop reaches the app. */
interface LaunchParams {
  files?: readonly { kind: string; getFile?: () => Promise<File> }[];
}
declare global {
  interface Window {
    launchQueue?: { setConsumer(consumer: (params: LaunchParams) => void): void };
  }
}

/**
 * Where a .zip shared to the app lands (Android share sheet, or "open with" on a desktop): each file is
 * recognised by its content and imported as a model or as photos, or refused, with one result per file.
 */
export class ReceivePage extends LitElement {
  static override styles = [pageStyles, receivePageStyles];
  static override properties = { _results: { state: true }, _working: { state: true }, _checked: { state: true } };

  declare private _results: Received[];
  declare private _working: string;
  /** The inbox has been read; only then does an empty page mean nothing arrived. */
  declare private _checked: boolean;
  private readonly _models = new ContextConsumer(this, { context: modelStoreContext });
  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  // Files are imported one after the other: the dataset's duplicate check must see the previous file's photos.
  private _queue: Promise<void> = Promise.resolve();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._results = [];
    this._working = '';
    this._checked = false;
  }

  override firstUpdated() {
    this._enqueue(async () => {
      for (const { file, remove } of await inboxFiles()) {
        if (await this._receive(file)) await remove();
      }
      this._checked = true;
      // The count in the address was for this arrival; a reload should not suggest files are still coming.
      if (location.search) history.replaceState(history.state, '', appUrl(RECEIVE_ROUTE));
    });
    window.launchQueue?.setConsumer((params) => {
      this._enqueue(async () => {
        for (const handle of params.files ?? []) {
          if (handle.kind === 'file' && handle.getFile) await this._receive(await handle.getFile());
        }
      });
    });
  }

  private _enqueue(job: () => Promise<void>) {
    this._queue = this._queue.then(job).catch(() => {});
  }

  /** False when the stores are not there to take the file: it then stays in the inbox for the next visit. */
  private async _receive(file: File): Promise<boolean> {
    const models = this._models.value;
    const dataset = this._dataset.value;
    if (!models || !dataset) return false;
    this._working = file.name;
    const result = await receiveFile(file, { models, dataset, maxSide: loadDatasetSettings().maxSide });
    this._working = '';
    this._results = [...this._results, result];
    if (result.kind === 'dataset' && result.added) void requestPersistence();
    return true;
  }

  private _refusal(file: string, reason: RefusalReason): string {
    switch (reason) {
      case 'not-zip':
        return msg(str`“${file}” is not a .zip file, so it was not imported.`, { id: 'receive.refused.notZip' });
      case 'corrupt':
        return msg(str`“${file}” is a damaged .zip and cannot be read.`, { id: 'receive.refused.corrupt' });
      case 'other':
        return msg(str`“${file}” holds neither a Tama Lab model nor photos.`, { id: 'receive.refused.other' });
      case 'bad-model':
        return msg(str`“${file}” is a Tama Lab model, but it is damaged or from a version this app cannot read.`, {
          id: 'receive.refused.badModel',
        });
      case 'storage-full':
        return msg(str`The device storage is full: “${file}” could not be imported.`, { id: 'receive.refused.full' });
      case 'failed':
        return msg(str`“${file}” could not be imported.`, { id: 'receive.refused.failed' });
    }
  }

  private _renderResult(result: Received) {
    const file = result.file;
    switch (result.kind) {
      case 'model':
        return html`<li class="result" data-result="model" data-model-id=${result.id} data-file=${file}>
          <p>${
            result.duplicate
              ? msg(str`Model “${result.name}” is already on this device.`, { id: 'receive.model.duplicate' })
              : msg(str`Model “${result.name}” added.`, { id: 'receive.model.added' })
          }</p>
          <div class="actions">
            <a class="button primary" href=${appUrl('detect')} data-use-model=${result.id} @click=${() => activeModel.set(result.id)}>
              ${msg('Use it for live detection', { id: 'receive.model.use' })}</a>
          </div>
        </li>`;
      case 'dataset':
        return html`<li class="result" data-result="dataset" data-added=${result.added} data-duplicates=${result.duplicates}
          data-bad=${result.bad} data-file=${file}>
          <p>${msg(str`${result.added} photos added from “${file}”.`, { id: 'receive.dataset.added' })}</p>
          ${result.duplicates ? html`<p>${msg(str`${result.duplicates} were already in the dataset and were skipped.`, { id: 'receive.dataset.duplicates' })}</p>` : nothing}
          ${result.bad ? html`<p>${msg(str`${result.bad} could not be read and were left out.`, { id: 'receive.dataset.bad' })}</p>` : nothing}
          <div class="actions"><a class="button" href=${appUrl('label')}>${msg('Open the Label page', { id: 'receive.dataset.label' })}</a></div>
        </li>`;
      case 'refused':
        return html`<li class="result refused" role="alert" data-result="refused" data-reason=${result.reason} data-file=${file}
          data-detail=${result.detail}>
          <p>${this._refusal(file, result.reason)}</p>
          ${result.problem ? html`<p data-problem=${result.problem.code}>${describeProblem(result.problem)}</p>` : nothing}
          <p>${msg('Nothing was changed.', { id: 'receive.refused.unchanged' })}</p>
        </li>`;
    }
  }

  override render() {
    const empty = this._checked && !this._working && !this._results.length;
    return html`
      <h1>${msg('Received files', { id: 'receive.title' })}</h1>
      ${
        this._working
          ? html`<p role="status" data-receiving>${msg(str`Importing “${this._working}”…`, { id: 'receive.working' })}</p>`
          : nothing
      }
      ${this._results.length ? html`<ul class="results" aria-live="polite">${this._results.map((r) => this._renderResult(r))}</ul>` : nothing}
      ${
        empty
          ? html`<p data-nothing-received>${msg('Nothing was received. Share a model or dataset .zip to Tama Lab from LINE, mail or Files, and it is imported here.', { id: 'receive.none' })}</p>
            <div class="actions">
              <a class="button" href=${appUrl('label')}>${msg('Label', { id: 'nav.label' })}</a>
              <a class="button" href=${appUrl('train')}>${msg('Train', { id: 'nav.train' })}</a>
            </div>`
          : nothing
      }
    `;
  }
}

customElements.define('receive-page', ReceivePage);

declare global {
  interface HTMLElementTagNameMap {
    'receive-page': ReceivePage;
  }
}
