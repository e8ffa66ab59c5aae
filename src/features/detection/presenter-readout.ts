import { html, LitElement } from 'lit';
import { visuallyHidden } from '../../shared/ui/visually-hidden.ts';
import { presenterReadoutStyles } from './presenter-readout.styles.ts';

/** Long enough to read from the back of a classroom, short enough not to hide the balls for long. */
export const READOUT_MS = 1500;

/**
 * A large, short-lived readout over the picture for what a key changed while nothing else on screen
 * shows it (presenter mode hides the toolbar): "しきい値 40 %", the model's name. Screen readers hear
 * it through a polite live region that stays in place, so repeated presses are all announced.
 */
export class PresenterReadout extends LitElement {
  static override properties = { _text: { state: true }, _shown: { state: true } };
  static override styles = [visuallyHidden, presenterReadoutStyles];

  declare private _text: string;
  declare private _shown: boolean;
  private _timer = 0;

  constructor() {
    super();
    this._text = '';
    this._shown = false;
  }

  show(text: string) {
    this._text = text;
    this._shown = true;
    clearTimeout(this._timer);
    this._timer = window.setTimeout(() => (this._shown = false), READOUT_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  override render() {
    return html`<div class="readout" aria-hidden="true" data-readout=${this._shown ? this._text : ''} ?data-hidden=${!this._shown}>${this._text}</div>
      <div class="visually-hidden" aria-live="polite" role="status">${this._text}</div>`;
  }
}

customElements.define('presenter-readout', PresenterReadout);

declare global {
  interface HTMLElementTagNameMap {
    'presenter-readout': PresenterReadout;
  }
}
