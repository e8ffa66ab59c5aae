import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import type { EpochReport } from '../../model/trained-model.ts';
import '../../shared/ui/line-chart.ts';

/** A run's loss and validation mAP per epoch: a chart, and the numbers in a table under it. */
export class LearningCurve extends LitElement {
  static override properties = {
    epochs: { attribute: false },
    stockValMAP50: { attribute: false },
  };
  static override styles = css`
    :host {
      display: block;
    }
    /* Five columns within a phone's card: headers wrap onto two lines rather than run off the edge. */
    table {
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
      width: 100%;
      max-width: 40rem;
      font-size: 0.85rem;
    }
    th {
      vertical-align: bottom;
      line-height: 1.3;
      /* Whole words per line ("検証損失", not "検証損 / 失"), unless the screen is narrower still. */
      word-break: keep-all;
      overflow-wrap: anywhere;
      /* The header stays in view while the epochs scroll under it. */
      position: sticky;
      top: 0;
      background: var(--surface-raised);
    }
    th,
    td {
      text-align: right;
      padding: 0.15rem 0.35rem;
      border-bottom: 1px solid var(--border);
    }
    .scroll {
      max-height: 12rem;
      overflow: auto;
    }
  `;

  declare epochs: EpochReport[];
  /** Epoch 0: the stock heads, which have a validation mAP but no losses to show. */
  declare stockValMAP50: number | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.epochs = [];
    this.stockValMAP50 = null;
  }

  override render() {
    return html`
    <line-chart .x=${[0, ...this.epochs.map((r) => r.epoch)]}
      .series=${[
        {
          label: msg('training loss', { id: 'chart.trainLoss' }),
          color: '#f97316',
          values: [null, ...this.epochs.map((r) => r.loss)],
        },
        {
          label: msg('validation loss', { id: 'chart.valLoss' }),
          color: '#a855f7',
          dash: [6, 4],
          values: [null, ...this.epochs.map((r) => r.valLoss)],
        },
        {
          label: msg('validation mAP@0.5', { id: 'chart.valMap' }),
          color: '#22c55e',
          axis: 'right',
          values: [this.stockValMAP50, ...this.epochs.map((r) => r.valMAP50)],
        },
      ]}
      xLabel=${msg('epoch', { id: 'chart.epoch' })} leftLabel=${msg('loss', { id: 'chart.loss' })} rightLabel="mAP@0.5"
      label=${msg('Loss and validation mAP per epoch', { id: 'chart.label' })}></line-chart>
    <div class="scroll" tabindex="0" role="region" aria-label=${msg('Results per epoch', { id: 'train.table.label' })}><table>
      <thead><tr><th>${msg('epoch', { id: 'chart.epoch' })}</th><th>${msg('training loss', { id: 'train.table.trainLoss' })}</th>
        <th>${msg('validation loss', { id: 'train.table.valLoss' })}</th><th>mAP@0.5</th>
        <th>${msg('seconds', { id: 'train.table.seconds' })}</th></tr></thead>
      <tbody>${this.epochs.map(
        (
          r,
        ) => html`<tr data-epoch=${r.epoch}><td>${r.epoch}</td><td>${r.loss.toFixed(3)}</td><td>${r.valLoss?.toFixed(3) ?? '—'}</td>
          <td>${r.valMAP50?.toFixed(3) ?? '—'}</td><td>${(r.ms / 1000).toFixed(1)}</td></tr>`,
      )}</tbody>
    </table></div>
    `;
  }
}

customElements.define('learning-curve', LearningCurve);

declare global {
  interface HTMLElementTagNameMap {
    'learning-curve': LearningCurve;
  }
}
