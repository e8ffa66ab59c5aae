import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';

/** Rows: the true digit; columns: what the model said. Off-diagonal cells are its mistakes. */
export class ConfusionMatrix extends LitElement {
  static override properties = { matrix: { attribute: false } };
  // All 11 columns fit a phone's card: the digits scale with the card's width (cqi), down to what a
  // four-digit count needs in a 390 px screen (a still narrower one scrolls inside the card), up to
  // projector size.
  static override styles = css`
    :host {
      display: block;
      overflow-x: auto;
      container-type: inline-size;
    }
    table {
      width: min(100%, 48rem);
      min-width: 18rem;
      table-layout: fixed;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
      font-size: clamp(0.6rem, 3.3cqi, 1.2rem);
    }
    th,
    td {
      padding: 0.25em 0.1em;
      text-align: center;
    }
    td {
      border: 1px solid var(--border);
    }
    caption {
      text-align: left;
      color: var(--text-muted);
      font-size: 0.85rem;
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
