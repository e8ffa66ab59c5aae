import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { loadDatasetSettings } from '../../dataset/dataset-settings.ts';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { splitOf } from '../../dataset/split.ts';
import { createDetector, type Detector } from '../../model/detector.ts';
import { type Detection, iou } from '../../model/geometry.ts';
import { modelStoreContext } from '../../model/model-store.ts';
import type { TrainedModelMeta } from '../../model/trained-model.ts';
import { describeError } from '../../shared/errors.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';

const SCORE = 0.5;
/** Photos shown before "show all": enough to see the pattern on a phone. */
const GALLERY_PAGE = 8;

interface Outcome {
  truePositives: number;
  falsePositives: Detection[];
  missed: number;
}

interface Row {
  image: StoredImage;
  stock: Detection[];
  yours: Detection[];
  stockOutcome: Outcome;
  yoursOutcome: Outcome;
}

/** Greedy IoU ≥ 0.5 matching of confident detections against the labelled boxes (labels ignored). */
function outcomeOf(image: StoredImage, detections: Detection[]): Outcome {
  const taken = new Set<number>();
  const falsePositives: Detection[] = [];
  for (const detection of detections) {
    const match = image.boxes.findIndex((truth, t) => !taken.has(t) && iou(truth.box, detection.box) >= 0.5);
    if (match >= 0) taken.add(match);
    else falsePositives.push(detection);
  }
  return { truePositives: taken.size, falsePositives, missed: image.boxes.length - taken.size };
}

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
  };
  static override styles = [
    pageStyles,
    css`
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 0.2rem 0.75rem;
        text-align: right;
        border-bottom: 1px solid var(--border);
      }
      .gallery {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0.75rem;
        margin-top: 1rem;
      }
      figure {
        margin: 0;
      }
      canvas {
        width: 100%;
        border-radius: 0.5rem;
      }
      figcaption {
        font-size: 0.85rem;
        color: var(--text-muted);
      }
      .key span {
        margin-right: 1rem;
      }
      .swatch {
        display: inline-block;
        width: 1rem;
        height: 0.25rem;
        vertical-align: middle;
        margin-right: 0.3rem;
      }
    `,
  ];

  declare images: StoredImage[];
  declare revision: number;
  declare private _chosen: string;
  declare private _rows: Row[] | undefined;
  declare private _done: number;
  declare private _error: string;
  declare private _showAll: boolean;
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
    this._error = '';
    this._showAll = false;
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
    this._error = '';
    this._done = 0;
    let stock: Detector | undefined;
    let yours: Detector | undefined;
    try {
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
    } catch (error) {
      this._error = describeError('model', error);
    } finally {
      stock?.dispose();
      yours?.dispose();
      this._done = -1;
    }
  }

  protected override updated() {
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-index]')) {
      const row = this._rows?.[Number(canvas.dataset.index)];
      if (row && canvas.dataset.drawn !== 'true') {
        canvas.dataset.drawn = 'true';
        void this._draw(canvas, row);
      }
    }
  }

  private async _draw(canvas: HTMLCanvasElement, row: Row) {
    const bitmap = await createImageBitmap(row.image.blob, { imageOrientation: 'from-image' });
    const scale = 320 / bitmap.width;
    canvas.width = 320;
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const stroke = (
      boxes: { box: [number, number, number, number] }[],
      colour: string,
      dash: number[],
      inset: number,
    ) => {
      context.strokeStyle = colour;
      context.lineWidth = 3;
      context.setLineDash(dash);
      for (const { box } of boxes)
        context.strokeRect(
          box[0] * scale + inset,
          box[1] * scale + inset,
          box[2] * scale - 2 * inset,
          box[3] * scale - 2 * inset,
        );
    };
    stroke(row.image.boxes, '#ffffff', [5, 4], 0);
    stroke(row.stock, '#ef4444', [], 2);
    stroke(row.yours, '#22c55e', [], 5);
  }

  private _summary(rows: Row[]) {
    const total = (pick: (row: Row) => Outcome) =>
      rows.reduce(
        (sum, row) => {
          const o = pick(row);
          return { tp: sum.tp + o.truePositives, fp: sum.fp + o.falsePositives.length, fn: sum.fn + o.missed };
        },
        { tp: 0, fp: 0, fn: 0 },
      );
    const stock = total((row) => row.stockOutcome);
    const yours = total((row) => row.yoursOutcome);
    return html`<table data-stock=${JSON.stringify(stock)} data-yours=${JSON.stringify(yours)}>
      <thead><tr><th></th><th>${msg('found', { id: 'compare.tp' })}</th><th>${msg('false alarms', { id: 'compare.fp' })}</th><th>${msg('missed', { id: 'compare.fn' })}</th></tr></thead>
      <tbody>
        <tr><th>${msg('stock', { id: 'models.stockShort' })}</th><td>${stock.tp}</td><td>${stock.fp}</td><td>${stock.fn}</td></tr>
        <tr><th>${msg('yours', { id: 'compare.yours' })}</th><td>${yours.tp}</td><td>${yours.fp}</td><td>${yours.fn}</td></tr>
      </tbody>
    </table>`;
  }

  override render() {
    const validation = this._validation;
    if (!this._models.length)
      return html`<p>${msg('Train a model first; then compare it with the stock detector here.', { id: 'compare.none' })}</p>`;
    const rows = this._rows;
    const wrong = rows
      ?.map((row, index) => ({ row, index }))
      .filter(({ row }) => [row.stockOutcome, row.yoursOutcome].some((o) => o.missed || o.falsePositives.length));
    return html`
      <p>${msg(str`On the ${validation.length} validation photos, boxes with a score of at least ${SCORE}.`, { id: 'compare.lead' })}</p>
      <div class="actions">
        <select aria-label=${msg('Model to compare', { id: 'compare.model' })} @change=${(e: Event) => {
          this._chosen = (e.target as HTMLSelectElement).value;
        }}>
          ${this._models.map((m) => html`<option value=${m.id} ?selected=${m.id === this._selected}>${m.name}</option>`)}
        </select>
        <button ?disabled=${this._done >= 0 || !validation.length} @click=${this._compare}>${msg('Compare', { id: 'compare.run' })}</button>
      </div>
      ${this._done >= 0 ? html`<progress max=${validation.length} value=${this._done}></progress>` : nothing}
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${rows ? this._summary(rows) : nothing}
      ${
        wrong
          ? html`<p class="key"><span><i class="swatch" style="background:#fff"></i>${msg('your labels', { id: 'compare.key.truth' })}</span>
              <span><i class="swatch" style="background:#ef4444"></i>${msg('stock', { id: 'models.stockShort' })}</span>
              <span><i class="swatch" style="background:#22c55e"></i>${msg('yours', { id: 'compare.yours' })}</span></p>
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
    `;
  }
}

customElements.define('model-comparison', ModelComparison);

declare global {
  interface HTMLElementTagNameMap {
    'model-comparison': ModelComparison;
  }
}
