import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, type PropertyValues, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css?inline';
import type { EpochReport } from './trained-model.ts';

/**
 * Loss (train and validation, left axis) and validation mAP@0.5 (right axis, 0…1) per epoch, drawn
 * with uPlot as epochs arrive. Epoch 0 is the untouched COCO heads, the baseline to beat.
 */
export class TrainingChart extends LitElement {
  static override properties = { epochs: { attribute: false }, baseline: { attribute: false } };
  static override styles = [
    unsafeCSS(uPlotStyles),
    css`
      :host {
        display: block;
        min-height: 240px;
        color: var(--text);
      }
      .u-legend {
        font-size: 0.85rem;
      }
    `,
  ];

  declare epochs: EpochReport[];
  /** Validation mAP@0.5 at epoch 0, drawn as the first point of the mAP line. */
  declare baseline: number | null;
  private _plot: uPlot | undefined;
  private readonly _resize = new ResizeObserver(() => this._fit());

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.epochs = [];
    this.baseline = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    this._resize.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._resize.disconnect();
    this._plot?.destroy();
    this._plot = undefined;
  }

  private _fit() {
    this._plot?.setSize({ width: Math.max(200, this.clientWidth), height: 240 });
  }

  private _data(): uPlot.AlignedData {
    const rows = [{ epoch: 0, loss: null, valLoss: null, valMAP50: this.baseline }, ...this.epochs];
    return [
      rows.map((r) => r.epoch),
      rows.map((r) => r.loss),
      rows.map((r) => r.valLoss),
      rows.map((r) => r.valMAP50),
    ] as uPlot.AlignedData;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (!changed.has('epochs') && !changed.has('baseline')) return;
    if (this._plot) {
      this._plot.setData(this._data());
      return;
    }
    const root = this.renderRoot.querySelector('.plot') as HTMLElement;
    const muted = getComputedStyle(this).getPropertyValue('--text-muted').trim() || '#888';
    const axis = { stroke: muted, grid: { stroke: 'rgb(128 128 128 / 0.2)' }, ticks: { stroke: muted } };
    this._plot = new uPlot(
      {
        width: Math.max(200, this.clientWidth),
        height: 240,
        scales: { x: { time: false }, map: { range: [0, 1] } },
        axes: [
          { ...axis, label: msg('epoch', { id: 'chart.epoch' }) },
          { ...axis, label: msg('loss', { id: 'chart.loss' }) },
          { ...axis, scale: 'map', side: 1, label: 'mAP@0.5', grid: { show: false } },
        ],
        series: [
          { label: msg('epoch', { id: 'chart.epoch' }) },
          { label: msg('training loss', { id: 'chart.trainLoss' }), stroke: '#f97316', width: 2 },
          { label: msg('validation loss', { id: 'chart.valLoss' }), stroke: '#a855f7', width: 2, dash: [6, 4] },
          { label: msg('validation mAP@0.5', { id: 'chart.valMap' }), stroke: '#22c55e', width: 3, scale: 'map' },
        ],
      },
      this._data(),
      root,
    );
  }

  override render() {
    return html`<div class="plot" role="img" aria-label=${msg('Loss and validation mAP per epoch', { id: 'chart.label' })}></div>`;
  }
}

customElements.define('training-chart', TrainingChart);

declare global {
  interface HTMLElementTagNameMap {
    'training-chart': TrainingChart;
  }
}
