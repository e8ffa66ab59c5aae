import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { contributorSetting, MAX_CONTRIBUTOR_LENGTH, normalizeContributor } from '../../dataset/contributor.ts';
import { contributorFieldStyles } from './contributor-field.styles.ts';

/**
 * The name or number this device's photos are recorded with, set once by the student. Saved as it is
 * typed, so a photo taken right after typing (without leaving the field) already carries it.
 */
export class ContributorField extends LitElement {
  static override properties = { _value: { state: true } };
  static override styles = contributorFieldStyles;

  declare private _value: string;
  private _unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._value = contributorSetting.get();
  }

  override connectedCallback() {
    super.connectedCallback();
    this._value = contributorSetting.get();
    this._unsubscribe = contributorSetting.subscribe((value) => {
      // Typing fires this too: only a change from elsewhere may replace what is in the field.
      if (value !== (normalizeContributor(this._value) ?? '')) this._value = value;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private _onInput(event: Event) {
    this._value = (event.target as HTMLInputElement).value;
    contributorSetting.set(normalizeContributor(this._value) ?? '');
  }

  /** On leaving the field, show the name as it is stored (trimmed, shortened). */
  private _onChange() {
    this._value = contributorSetting.get();
  }

  override render() {
    return html`<label>${msg('Your name or number', { id: 'label.contributor.label' })}
        <input type="text" data-contributor-input autocomplete="nickname" enterkeyhint="done"
          maxlength=${MAX_CONTRIBUTOR_LENGTH} .value=${this._value}
          placeholder=${msg('e.g. Tanaka or 12', { id: 'label.contributor.placeholder' })}
          aria-describedby="why" @input=${this._onInput} @change=${this._onChange} />
      </label>
      <p id="why">${msg('Recorded with every photo you add from now on, so when a class puts its photos together each one says whose it is. Leave it empty to record none.', { id: 'label.contributor.why' })}</p>`;
  }
}

customElements.define('contributor-field', ContributorField);

declare global {
  interface HTMLElementTagNameMap {
    'contributor-field': ContributorField;
  }
}
