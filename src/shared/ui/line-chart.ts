import { css, html, LitElement, type PropertyValues, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css?inline';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** 'right' plots against the 0…1 axis on the right (accuracy, mAP). */
  axis?: 'left' | 'right';
  dash?: number[];
  /** Points only, no line (e.g. one measurement per run). */
  points?: boolean;
}

/**
 * A small line chart (uPlot) that redraws as data arrives: x values, any number of series on a left
 * axis and on a 0…1 right axis. Accessible name through `label`.
 */
export class LineChart extends LitElement {
  static override properties = {
    x: { attribute: false },
    series: { attribute: false },
    xLabel: { type: String },
    leftLabel: { type: String },
    rightLabel: { type: String },
    label: { type: String },
  };
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

  declare x: number[];
  declare series: ChartSeries[];
  declare xLabel: string;
  declare leftLabel: string;
  declare rightLabel: string;
  declare label: string;
  private _plot: uPlot | undefined;
  private _layout = '';
  private readonly _resize = new ResizeObserver(() =>
    this._plot?.setSize({ width: Math.max(200, this.clientWidth), height: 240 }),
  );

  constructor() {
    super();
    this.x = [];
    this.series = [];
    this.xLabel = '';
    this.leftLabel = '';
    this.rightLabel = '';
    this.label = '';
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

  protected override updated(changed: PropertyValues<this>) {
    if (!changed.has('x') && !changed.has('series')) return;
    const data = [this.x, ...this.series.map((s) => s.values)] as uPlot.AlignedData;
    // Same series and labels: only the numbers changed, so update in place.
    const layout = JSON.stringify([
      this.series.map((s) => [s.label, s.axis, s.color]),
      this.xLabel,
      this.leftLabel,
      this.rightLabel,
    ]);
    if (this._plot && layout === this._layout) {
      this._plot.setData(data);
      return;
    }
    this._plot?.destroy();
    this._layout = layout;
    const muted = getComputedStyle(this).getPropertyValue('--text-muted').trim() || '#888';
    const axis = { stroke: muted, grid: { stroke: 'rgb(128 128 128 / 0.2)' }, ticks: { stroke: muted } };
    const usesLeft = this.series.some((s) => s.axis !== 'right');
    this._plot = new uPlot(
      {
        width: Math.max(200, this.clientWidth),
        height: 240,
        // A legend of names only: uPlot's live values read "--" until a finger or mouse is on the
        // plot, and on a phone nobody hovers. The numbers are in the page's text and tables.
        legend: { live: false },
        scales: { x: { time: false }, right: { range: [0, 1] } },
        axes: [
          { ...axis, label: this.xLabel },
          ...(usesLeft ? [{ ...axis, label: this.leftLabel }] : []),
          { ...axis, scale: 'right', side: 1, label: this.rightLabel, grid: { show: !usesLeft } },
        ],
        series: [
          { label: this.xLabel },
          ...this.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            ...(s.axis === 'right' ? { scale: 'right' } : {}),
            ...(s.dash ? { dash: s.dash } : {}),
            ...(s.points ? { paths: () => null, points: { show: true, size: 8, fill: s.color } } : {}),
          })),
        ],
      },
      data,
      this.renderRoot.querySelector('.plot') as HTMLElement,
    );
  }

  override render() {
    return html`<div class="plot" role="img" aria-label=${this.label}></div>`;
  }
}

customElements.define('line-chart', LineChart);

declare global {
  interface HTMLElementTagNameMap {
    'line-chart': LineChart;
  }
}
