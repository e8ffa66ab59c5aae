import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { appUrl } from '../../shared/app-url.ts';
import { appEvent } from '../../shared/typed-event.ts';
import { noBallHintStyles } from './no-ball-hint.styles.ts';

/** The no-ball hint was closed. */
export class HintDismissEvent extends appEvent<undefined>()('tama-hint-dismiss') {}

/**
 * Shown when the live view has seen no ball for a while: the two ways out are a lower threshold or a
 * model of one's own, which starts with labeling photos of that ball.
 * @fires tama-hint-dismiss - the close button was pressed
 */
export class NoBallHint extends LitElement {
  static override styles = noBallHintStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`<div class="hint" role="status" data-no-ball-hint>
      <p>${msg('No ball found yet. Lower the threshold, or', { id: 'detect.hint.noBall' })}
        <a href=${appUrl('label')}>${msg('teach the app your ball →', { id: 'detect.hint.teach' })}</a></p>
      <button aria-label=${msg('Close the hint', { id: 'detect.hint.close' })}
        @click=${() => this.dispatchEvent(new HintDismissEvent(undefined))}>✕</button>
    </div>`;
  }
}

customElements.define('no-ball-hint', NoBallHint);

declare global {
  interface HTMLElementTagNameMap {
    'no-ball-hint': NoBallHint;
  }
  interface GlobalEventHandlersEventMap {
    [HintDismissEvent.eventName]: HintDismissEvent;
  }
}
