import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';

/** Rows: the true digit; columns: what the model said. Off-diagonal cells are its mistakes. */
export class ConfusionMatrix extends LitElement {
  static override properties = { matrix: { attribute: false } };
  static override styles = css`
    :host {
      display: block;
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
      font-size: 0.8rem;
    }
    th,
    td {
      min-width: 2.2rem;
      padding: 0.2rem;
      text-align: center;
    }
    td {
      border: 1px solid var(--border);
    }
    caption {
      text-align: left;
      color: var(--text-muted);
      margin-bottom: 0.25rem;
    }
  `;
  declare matrix: number[][];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.matrix = [];
  }

  override render() {
    const largestMistake = Math.max(1, ...this.matrix.flatMap((row, r) => row.filter((_, c) => c !== r)));
    return html`<table>
      <caption>${msg('Rows: the true digit. Columns: the model’s answer.', { id: 'mnist.confusion.caption' })}</caption>
      <thead><tr><th></th>${this.matrix.map((_, c) => html`<th scope="col">${c}</th>`)}</tr></thead>
      <tbody>${this.matrix.map(
        (row, r) =>
          html`<tr><th scope="row">${r}</th>${row.map((count, c) => {
            const background =
              r === c
                ? 'rgb(34 197 94 / 0.25)'
                : count
                  ? `rgb(239 68 68 / ${(0.15 + (0.75 * count) / largestMistake).toFixed(2)})`
                  : 'transparent';
            return html`<td style="background:${background}">${count}</td>`;
          })}</tr>`,
      )}</tbody>
    </table>`;
  }
}

customElements.define('confusion-matrix', ConfusionMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'confusion-matrix': ConfusionMatrix;
  }
}
