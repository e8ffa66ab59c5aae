import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { BACKENDS, type BackendChoice } from './backends.ts';

/**
 * A backend menu for a settings card: "auto", each TF.js backend, and optionally "as the app" ('app').
 * It renders its <select> in the light DOM, so a surrounding <label> names it and the page's form styles
 * apply; the select's own `change` event bubbles, and `value` reads the choice.
 */
export class BackendSelect extends LitElement {
  static override properties = {
    value: {},
    allowApp: { type: Boolean, attribute: 'allow-app' },
    disabled: { type: Boolean },
  };

  declare value: BackendChoice | 'app';
  declare allowApp: boolean;
  declare disabled: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.value = 'auto';
    this.allowApp = false;
    this.disabled = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  private readonly _onChange = (event: Event) => {
    this.value = (event.target as HTMLSelectElement).value as BackendChoice | 'app';
  };

  override render() {
    return html`<select ?disabled=${this.disabled} @change=${this._onChange}>
      ${this.allowApp ? html`<option value="app" ?selected=${this.value === 'app'}>${msg('as the app', { id: 'train.backend.app' })}</option>` : null}
      ${['auto', ...BACKENDS].map((name) => html`<option value=${name} ?selected=${name === this.value}>${name}</option>`)}
    </select>`;
  }
}

customElements.define('backend-select', BackendSelect);

declare global {
  interface HTMLElementTagNameMap {
    'backend-select': BackendSelect;
  }
}
