import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { loadDatasetSettings } from '../../dataset/dataset-settings.ts';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { splitOf } from '../../dataset/split.ts';
import type { Detector } from '../../model/detector.ts';
import { modelStoreContext } from '../../model/model-store.ts';
import type { TrainedModelMeta } from '../../model/trained-model.ts';
import { appUrl } from '../../shared/app-url.ts';
import type { SendOutcome } from '../../shared/send-file.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { COLOURS, drawPending, outcomeOf, type Row, totals, wrongRows } from './comparison-rows.ts';
import { modelComparisonStyles } from './model-comparison.styles.ts';
import { sendTrainedModel } from './model-file.ts';
import './comparison-presenter.ts';

const SCORE = 0.5;
/** Photos shown before "show all": enough to see the pattern on a phone. */
const GALLERY_PAGE = 8;

/**
 * Stock COCO "sports ball" and a fine-tuned model on the validation photos, at the live view's
 * threshold (0.5): counts, and a gallery of every photo where either one is wrong.
 */
export class ModelComparison extends LitElement {
  static override properties = {
    images: { attribute: false },
    revision: { type: Number },
    _chosen: { state: true },
    _rows: { state: true },
    _done: { state: true },
    _error: { state: true },
    _showAll: { state: true },
    _presenting: { state: true },
    _sent: { state: true },
  };
  static override styles = [pageStyles, modelComparisonStyles];

  declare images: StoredImage[];
  declare revision: number;
  declare private _chosen: string;
  declare private _rows: Row[] | undefined;
  declare private _done: number;
  /** What went wrong in the last comparison, shown as a sentence with its detail folded. */
  declare private _error: unknown;
  declare private _showAll: boolean;
  declare private _presenting: boolean;
  declare private _sent: { outcome: SendOutcome; file: string } | undefined;
  /** The model the rows were measured with; the selection may have moved on since. */
  private _comparedName = '';
  private readonly _store = new ContextConsumer(this, { context: modelStoreContext });
  private readonly _modelList = new Task(this, {
    args: () => [this._store.value, this.revision] as const,
    task: async ([store]): Promise<TrainedModelMeta[]> => (await store?.list()) ?? [],
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.images = [];
    this.revision = 0;
    this._chosen = '';
    this._done = -1;
    this._error = undefined;
    this._showAll = false;
    this._presenting = false;
  }

  private get _models(): TrainedModelMeta[] {
    return this._modelList.value ?? [];
  }

  /** The user's pick while it is still stored, else the first model. */
  private get _selected(): string {
    return this._models.some((m) => m.id === this._chosen) ? this._chosen : (this._models[0]?.id ?? '');
  }

  private get _validation(): StoredImage[] {
    const split = loadDatasetSettings();
    return this.images.filter((image) => splitOf(image, split) === 'val');
  }

  private async _compare() {
    const model = await this._store.value?.get(this._selected);
    if (!model) return;
    const images = this._validation;
    this._rows = undefined;
    this._error = undefined;
    this._done = 0;
    let stock: Detector | undefined;
    let yours: Detector | undefined;
    try {
      const { createDetector } = await import('../../model/detector.ts');
      stock = await createDetector({ model: 'coco' });
      yours = await createDetector({ model });
      const rows: Row[] = [];
      for (const image of images) {
        const bitmap = await createImageBitmap(image.blob, { imageOrientation: 'from-image' });
        try {
          const a = await stock.detect(bitmap, { threshold: SCORE });
          const b = await yours.detect(bitmap, { threshold: SCORE });
          rows.push({
            image,
            stock: a,
            yours: b,
            stockOutcome: outcomeOf(image, a),
            yoursOutcome: outcomeOf(image, b),
          });
        } finally {
          bitmap.close();
        }
        this._done++;
      }
      this._rows = rows;
      this._comparedName = model.meta.name;
    } catch (error) {
      this._error = error;
    } finally {
      stock?.dispose();
      yours?.dispose();
      this._done = -1;
    }
  }

  /** The class model back to every phone: the share sheet (or a download to pass on), then the app's QR. */
  private async _distribute() {
    const model = await this._store.value?.get(this._selected);
    if (!model) return;
    this._sent = await sendTrainedModel(model);
  }

  protected override updated() {
    drawPending(this.renderRoot, this._rows, 320);
  }

  private _summary(rows: Row[]) {
    const { stock, yours } = totals(rows);
    return html`<table data-stock=${JSON.stringify(stock)} data-yours=${JSON.stringify(yours)}>
      <thead><tr><th></th><th>${msg('found', { id: 'compare.tp' })}</th><th>${msg('false alarms', { id: 'compare.fp' })}</th><th>${msg('missed', { id: 'compare.fn' })}</th></tr></thead>
      <tbody>
        <tr><th>${msg('stock', { id: 'models.stockShort' })}</th><td>${stock.tp}</td><td>${stock.fp}</td><td>${stock.fn}</td></tr>
        <tr><th>${msg('yours', { id: 'compare.yours' })}</th><td>${yours.tp}</td><td>${yours.fp}</td><td>${yours.fn}</td></tr>
      </tbody>
    </table>`;
  }

  /** What happened to the sent model, or undefined before sending (or after the sheet was closed). */
  private _sentMessage(): string | undefined {
    const sent = this._sent;
    if (sent?.outcome === 'shared') return msg('The model was sent.', { id: 'compare.distribute.shared' });
    if (sent?.outcome === 'downloaded')
      return msg(str`Saved as ${sent.file}: send it to the class by LINE, mail or a shared drive.`, {
        id: 'compare.distribute.saved',
      });
    return undefined;
  }

  private _renderSent() {
    const message = this._sentMessage();
    if (!message) return nothing;
    return html`<div class="distributed" role="status" data-distributed=${this._sent?.outcome ?? ''}>
      <p>${message}</p>
      <p>${msg('Students open Tama Lab with the QR code, then open the .zip with Tama Lab: the model is added and can be used for live detection.', { id: 'compare.distribute.how' })}</p>
      <div class="actions"><a class="button" href=${appUrl('share')}>${msg('Show the app’s QR code', { id: 'compare.distribute.qr' })}</a></div>
    </div>`;
  }

  override render() {
    const validation = this._validation;
    // Until the stored models are read, "train a model first" could be wrong.
    if (!this._modelList.value) return nothing;
    if (!this._models.length)
      return html`<p>${msg('Train a model first; then compare it with the stock detector here.', { id: 'compare.none' })}</p>`;
    const rows = this._rows;
    const wrong = rows && wrongRows(rows);
    // An imported model can arrive before any photo: say what the comparison still needs.
    return html`
      ${
        validation.length
          ? html`<p data-compare-ready>${msg(str`On the ${validation.length} validation photos, boxes with a score of at least ${SCORE}.`, { id: 'compare.lead' })}</p>`
          : html`<p data-compare-no-photos>${msg('There are no validation photos to compare on yet. Label some photos on the Label page (or add the sample dataset there): part of them are kept for validation, and this card compares the chosen model with stock on them.', { id: 'compare.noPhotos' })}</p>`
      }
      <div class="actions">
        <select aria-label=${msg('Model to compare', { id: 'compare.model' })} @change=${(e: Event) => {
          this._chosen = (e.target as HTMLSelectElement).value;
        }}>
          ${this._models.map((m) => html`<option value=${m.id} ?selected=${m.id === this._selected}>${m.name}</option>`)}
        </select>
        ${validation.length ? html`<button ?disabled=${this._done >= 0} @click=${this._compare}>${msg('Compare', { id: 'compare.run' })}</button>` : nothing}
        ${rows ? html`<button data-presenter-open @click=${() => this._present(true)}>${msg('Projector view', { id: 'compare.presenter' })}</button>` : nothing}
        <button data-distribute @click=${this._distribute}>${msg('Give to the class', { id: 'compare.distribute' })}</button>
      </div>
      ${this._renderSent()}
      ${this._done >= 0 ? html`<progress max=${validation.length} value=${this._done}></progress>` : nothing}
      ${this._error !== undefined ? html`<p class="error" role="alert">${errorMessage('model', this._error)}</p>` : nothing}
      ${rows ? this._summary(rows) : nothing}
      ${
        wrong
          ? html`<p class="key"><span><i class="swatch" style="background:${COLOURS.truth}"></i>${msg('your labels', { id: 'compare.key.truth' })}</span>
              <span><i class="swatch" style="background:${COLOURS.stock}"></i>${msg('stock', { id: 'models.stockShort' })}</span>
              <span><i class="swatch" style="background:${COLOURS.yours}"></i>${msg('yours', { id: 'compare.yours' })}</span></p>
            <div class="gallery">${(this._showAll ? wrong : wrong.slice(0, GALLERY_PAGE)).map(
              ({ row, index }) => html`<figure><canvas data-index=${index}></canvas>
                <figcaption>${msg(str`stock: ${row.stockOutcome.missed} missed, ${row.stockOutcome.falsePositives.length} false · yours: ${row.yoursOutcome.missed} missed, ${row.yoursOutcome.falsePositives.length} false`, { id: 'compare.caption' })}</figcaption></figure>`,
            )}</div>
            ${
              wrong.length > GALLERY_PAGE && !this._showAll
                ? html`<div class="actions"><button @click=${() => {
                    this._showAll = true;
                  }}>${msg(str`Show all ${wrong.length}`, { id: 'compare.showAll' })}</button></div>`
                : nothing
            }`
          : nothing
      }
      ${
        rows && this._presenting
          ? html`<comparison-presenter .rows=${rows} .modelName=${this._comparedName}
              .score=${SCORE} .sentMessage=${this._sentMessage() ?? ''} @tama-presenter-close=${() => this._present(false)}
              @tama-distribute=${this._distribute}></comparison-presenter>`
          : nothing
      }
    `;
  }

  private _present(on: boolean) {
    this._presenting = on;
  }
}

customElements.define('model-comparison', ModelComparison);

declare global {
  interface HTMLElementTagNameMap {
    'model-comparison': ModelComparison;
  }
}
