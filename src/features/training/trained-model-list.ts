import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { activeModel, modelStoreContext, STOCK_COCO } from '../../model/model-store.ts';
import type { TrainedModelMeta } from '../../model/trained-model.ts';
import { trainedModelFromZip } from '../../model/trained-model-zip.ts';
import { canShareZip } from '../../shared/send-file.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { toastContext } from '../../shared/ui/toast-context.ts';
import { sendTrainedModel } from './model-file.ts';
import { ModelsChangeEvent } from './models-change-event.ts';

/**
 * Saved models: choose the active one, rename, delete (with undo), send (or export) and import as .zip.
 * @fires tama-models-change - after a model was imported, renamed, deleted or restored
 */
export class TrainedModelList extends LitElement {
  static override properties = {
    revision: { type: Number },
    _active: { state: true },
    _error: { state: true },
  };
  static override styles = [
    pageStyles,
    css`
      ul {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      li {
        display: grid;
        gap: 0.25rem;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--border);
        border-radius: 0.75rem;
      }
      li[data-active='true'] {
        border-color: var(--accent);
      }
      .name {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        min-height: var(--tap-target);
      }
      .name input[type='text'] {
        flex: 1;
        min-width: 0;
        min-height: 36px;
        font: inherit;
      }
      .meta {
        color: var(--text-muted);
        font-size: 0.9rem;
      }
    `,
  ];

  declare revision: number;
  declare private _active: string;
  /** The file that could not be imported, and why (the detail folded under the sentence). */
  declare private _error: { file: string; error: unknown } | undefined;
  private readonly _store = new ContextConsumer(this, { context: modelStoreContext });
  private readonly _toasts = new ContextConsumer(this, { context: toastContext });
  // Says on the button what will happen: a phone opens its share sheet, a laptop saves the file.
  private readonly _canShare = canShareZip();
  // Its value stays while a reload runs, so the list does not blink after a rename or delete.
  private readonly _models = new Task(this, {
    args: () => [this._store.value, this.revision] as const,
    task: async ([store]): Promise<TrainedModelMeta[]> => (await store?.list()) ?? [],
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.revision = 0;
    this._active = activeModel.get();
    this._error = undefined;
  }

  private _unsubscribe = () => {};

  override connectedCallback() {
    super.connectedCallback();
    this._active = activeModel.get();
    this._unsubscribe = activeModel.subscribe((id) => {
      this._active = id;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._unsubscribe();
  }

  private async _changed() {
    await this._models.run();
    this.dispatchEvent(new ModelsChangeEvent());
  }

  private async _rename(meta: TrainedModelMeta, name: string) {
    const trimmed = name.trim().slice(0, 80);
    if (!trimmed || trimmed === meta.name) return;
    await this._store.value?.rename(meta.id, trimmed);
    await this._changed();
  }

  private async _delete(meta: TrainedModelMeta) {
    const store = this._store.value;
    if (!store) return;
    const model = await store.get(meta.id);
    const wasActive = this._active === meta.id;
    await store.delete(meta.id);
    await this._changed();
    const outcome = await this._toasts.value?.show(msg(str`Deleted “${meta.name}”.`, { id: 'models.deleted' }), {
      action: msg('Undo', { id: 'editor.undo' }),
      timeout: 8000,
    });
    if (outcome === 'action' && model) {
      await store.put(model);
      if (wasActive) activeModel.set(model.meta.id);
      await this._changed();
    }
  }

  /** Shares the model's .zip where the browser can share files (a phone), else saves it (a laptop). */
  private async _send(meta: TrainedModelMeta) {
    const model = await this._store.value?.get(meta.id);
    if (!model) return;
    await sendTrainedModel(model);
  }

  private async _import(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this._error = undefined;
    try {
      const model = trainedModelFromZip(new Uint8Array(await file.arrayBuffer()));
      // An import is a new copy: it never overwrites a model already here.
      model.meta = { ...model.meta, id: crypto.randomUUID() };
      await this._store.value?.put(model);
      await this._changed();
    } catch (error) {
      this._error = { file: file.name, error };
    }
  }

  /** A model trained on less than asked for, to fit the device's memory, says so. */
  private _renderCap({ settings, metrics }: TrainedModelMeta) {
    const cap = settings.viewCap;
    if (!cap) return nothing;
    const photos = metrics.trainImages + metrics.valImages;
    return html` · <span data-view-cap>${msg(str`for memory: ${settings.augmentCopies} views, ${photos} of ${cap.trainPhotos + cap.valPhotos} photos`, { id: 'models.viewCap' })}</span>`;
  }

  override render() {
    const models = this._models.value;
    return html`
      <div role="radiogroup" aria-label=${msg('Model for live detection and suggestions', { id: 'models.active' })}><ul>
        <li data-active=${this._active === '' ? 'true' : 'false'}>
          <label class="name"><input type="radio" name="active" .checked=${this._active === ''} @change=${() => activeModel.set('')} />
            ${msg('Ball model (default)', { id: 'models.default' })}</label>
        </li>
        <li data-active=${this._active === STOCK_COCO ? 'true' : 'false'}>
          <label class="name"><input type="radio" name="active" .checked=${this._active === STOCK_COCO} @change=${() => activeModel.set(STOCK_COCO)} />
            ${msg('Stock COCO-SSD “sports ball”', { id: 'models.stock' })}</label>
        </li>
        ${(models ?? []).map(
          (meta) => html`<li data-active=${this._active === meta.id ? 'true' : 'false'} data-model=${meta.id}>
            <div class="name">
              <input type="radio" name="active" .checked=${this._active === meta.id} @change=${() => activeModel.set(meta.id)}
                aria-label=${msg(str`Use ${meta.name}`, { id: 'models.use' })} />
              <input type="text" .value=${meta.name} aria-label=${msg('Model name', { id: 'models.name' })}
                @change=${(e: Event) => this._rename(meta, (e.target as HTMLInputElement).value)} />
            </div>
            <span class="meta">${meta.classes.join(', ')} · ${new Date(meta.createdAt).toLocaleString()} ·
              mAP@0.5 ${meta.metrics.valMAP50?.toFixed(3) ?? '—'} (${msg('before', { id: 'models.beforeShort' })} ${meta.metrics.stockValMAP50?.toFixed(3) ?? '—'}) ·
              ${meta.metrics.trainImages} / ${meta.metrics.valImages} ${msg('photos', { id: 'gallery.stats.images' })} · ${
                meta.metrics.stoppedAtEpoch === undefined
                  ? html`${meta.settings.epochs} ${msg('epochs', { id: 'models.epochs' })}`
                  : html`<span data-stopped-at=${meta.metrics.stoppedAtEpoch}>${msg(str`stopped early at epoch ${meta.metrics.stoppedAtEpoch} of ${meta.settings.epochs}`, { id: 'models.stoppedAt' })}</span>`
              }${this._renderCap(meta)}</span>
            <div class="actions">
              <button data-model-send @click=${() => this._send(meta)}>${
                this._canShare ? msg('Send', { id: 'models.send' }) : msg('Export .zip', { id: 'models.export' })
              }</button>
              <button @click=${() => this._delete(meta)}>${msg('Delete', { id: 'models.delete' })}</button>
            </div>
          </li>`,
        )}
      </ul></div>
      ${models && !models.length ? html`<p>${msg('No trained model yet.', { id: 'models.none' })}</p>` : nothing}
      <div class="actions">
        <label class="button">${msg('Import a model .zip', { id: 'models.import' })}
          <input type="file" accept=".zip,application/zip" data-model-import @change=${this._import} /></label>
      </div>
      ${
        this._error
          ? html`<p class="error" role="alert" data-model-import-error>${msg(str`${this._error.file} cannot be imported:`, { id: 'models.importError' })}
            ${errorMessage('model', this._error.error)}</p>`
          : nothing
      }
    `;
  }
}

customElements.define('trained-model-list', TrainedModelList);

declare global {
  interface HTMLElementTagNameMap {
    'trained-model-list': TrainedModelList;
  }
  interface GlobalEventHandlersEventMap {
    'tama-models-change': ModelsChangeEvent;
  }
}
