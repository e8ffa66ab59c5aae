import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';

/**
 * An honest "not built yet" card for a section whose feature has not landed: what it will do.
 * @slot - the list of planned abilities (<li> items)
 */
export class PlannedFeature extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: 1rem 0;
      padding: 1rem 1.25rem;
      border: 2px dashed var(--border-strong);
      border-radius: 1rem;
    }
    strong {
      display: inline-block;
      margin-bottom: 0.25rem;
      padding: 0.1rem 0.6rem;
      border-radius: 999px;
      background: var(--warn-soft);
      color: var(--warn-strong);
      font-size: 0.85rem;
    }
    ::slotted(ul) {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.25rem;
      line-height: 1.7;
    }
  `;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`<strong>${msg('Not built yet', { id: 'planned.badge' })}</strong>
      <p>${msg('This section is planned. It will let you:', { id: 'planned.intro' })}</p>
      <slot></slot>`;
  }
}

customElements.define('planned-feature', PlannedFeature);

declare global {
  interface HTMLElementTagNameMap {
    'planned-feature': PlannedFeature;
  }
}
