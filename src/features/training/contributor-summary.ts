import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { contributorSummaryStyles } from './contributor-summary.styles.ts';

export interface ContributorRow {
  /** '' for photos without a name. */
  contributor: string;
  suspects: number;
  photos: number;
}

/**
 * How many boxes to look at per student, for the teacher: a bar per student on the page, and on the
 * projector (1920×1080, readable from the back row) in the same words. Esc or ✕ leaves the projector view.
 */
export class ContributorSummary extends LitElement {
  static override properties = {
    rows: { attribute: false },
    _projecting: { state: true },
  };
  static override styles = [pageStyles, contributorSummaryStyles];

  declare rows: ContributorRow[];
  declare private _projecting: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.rows = [];
    this._projecting = false;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this._onKey);
  }

  private readonly _onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') this._project(false);
  };

  private async _project(on: boolean) {
    this._projecting = on;
    if (on) window.addEventListener('keydown', this._onKey);
    else window.removeEventListener('keydown', this._onKey);
    await this.updateComplete;
    if (on) this.renderRoot.querySelector<HTMLButtonElement>('[data-close]')?.focus();
  }

  private _renderRows() {
    const most = Math.max(1, ...this.rows.map((row) => row.suspects));
    return html`<ol class="rows">${this.rows.map(
      (row) => html`<li data-contributor=${row.contributor} data-suspects=${row.suspects}>
        <span class="name">${row.contributor || msg('(no name)', { id: 'check.people.noName' })}</span>
        <span class="bar" style="--share: ${row.suspects / most}"></span>
        <span class="count">${msg(str`${row.suspects} in ${row.photos} photos`, { id: 'check.people.count' })}</span>
      </li>`,
    )}</ol>`;
  }

  override render() {
    if (!this.rows.length) return nothing;
    const title = msg('Boxes to look at, per student', { id: 'check.people.title' });
    return html`<h3>${title}</h3>
      ${this._renderRows()}
      <div class="actions">
        <button data-project @click=${() => this._project(true)}>${msg('Show on the projector', { id: 'check.people.project' })}</button>
      </div>
      ${
        this._projecting
          ? html`<div class="layer" role="dialog" aria-modal="true" aria-label=${title} data-presenter>
            <div class="top"><h2>${title}</h2>
              <button class="close" data-close @click=${() => this._project(false)}
                aria-label=${msg('Close', { id: 'check.people.close' })}>✕</button></div>
            ${this._renderRows()}
            <p class="note">${msg('A box to look at is not a mistake yet: each student checks theirs in the review.', { id: 'check.people.note' })}</p>
          </div>`
          : nothing
      }`;
  }
}

customElements.define('contributor-summary', ContributorSummary);

declare global {
  interface HTMLElementTagNameMap {
    'contributor-summary': ContributorSummary;
  }
}
