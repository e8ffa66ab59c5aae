import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { mnistStyles } from './mnist.styles.ts';
import { mnistPadCardStyles } from './mnist-pad-card.styles.ts';
import { type MnistSession, SessionController } from './mnist-session.ts';
import './digit-pad.ts';

/** Draw a digit, and the last trained model's ten probabilities for it. */
export class MnistPadCard extends LitElement {
  static override properties = {
    session: { attribute: false },
    _probabilities: { state: true },
  };
  static override styles = [pageStyles, mnistStyles, mnistPadCardStyles];

  declare session: MnistSession | undefined;
  declare private _probabilities: number[] | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new SessionController(this);
  }

  private async _onDigit(event: CustomEvent<Float32Array | undefined>) {
    const session = this.session;
    if (!event.detail || !session?.hasModel) {
      this._probabilities = undefined;
      return;
    }
    this._probabilities = await session.worker.api.predict(event.detail);
  }

  override render() {
    const session = this.session;
    if (!session) return nothing;
    const probabilities = this._probabilities;
    return html`<section class="card">
      <h2>${msg('Draw a digit', { id: 'mnist.pad.title' })}</h2>
      ${session.hasModel ? nothing : html`<p>${msg('Train a model first (a quick run on 2,000 images is enough to try).', { id: 'mnist.pad.noModel' })}</p>`}
      <div class="pad" @tama-digit=${this._onDigit}>
        <digit-pad></digit-pad>
        <div class="bars" aria-live="polite">${(probabilities ?? new Array(10).fill(0)).map(
          (p: number, digit: number) =>
            html`<b>${digit}</b><span class="bar" style="width:${Math.max(1, p * 100)}%"></span><span>${(p * 100).toFixed(1)} %</span>`,
        )}</div>
      </div>
    </section>`;
  }
}

customElements.define('mnist-pad-card', MnistPadCard);

declare global {
  interface HTMLElementTagNameMap {
    'mnist-pad-card': MnistPadCard;
  }
}
