import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { explain, type GlossaryTerm, isGlossaryTerm } from './glossary.ts';
import { glossaryTermStyles } from './glossary-term.styles.ts';

let nextId = 0;

/**
 * A term with a tap-to-explain button: the plain explanation opens in place, below the term, and
 * closes with the same button or Escape. `<glossary-term term="map">mAP@0.5</glossary-term>`
 * @slot - the term as shown
 */
export class GlossaryTermElement extends LitElement {
  static override styles = glossaryTermStyles;
  static override properties = { term: { type: String }, _open: { state: true } };

  declare term: GlossaryTerm;
  declare private _open: boolean;
  private readonly _noteId = `glossary-note-${nextId++}`;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._open = false;
  }

  private _toggle(event: Event) {
    event.stopPropagation();
    this._open = !this._open;
  }

  private _onKey(event: KeyboardEvent) {
    if (event.key === 'Escape' && this._open) {
      event.stopPropagation();
      this._open = false;
    }
  }

  override render() {
    if (!isGlossaryTerm(this.term)) return html`<slot></slot>`;
    const name = this.textContent?.trim() ?? '';
    return html`<span class="term"><slot></slot><button type="button" class="explain" aria-expanded=${this._open}
        aria-controls=${this._noteId} aria-label=${msg(str`What is ${name}?`, { id: 'glossary.what' })}
        data-glossary=${this.term} @click=${this._toggle} @keydown=${this._onKey}>?</button></span>${
          this._open
            ? html`<span class="note" id=${this._noteId} role="note" data-glossary-note=${this.term}>${explain(this.term)}</span>`
            : nothing
        }`;
  }
}

customElements.define('glossary-term', GlossaryTermElement);

declare global {
  interface HTMLElementTagNameMap {
    'glossary-term': GlossaryTermElement;
  }
}
