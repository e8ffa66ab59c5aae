import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { appUrl } from '../shared/app-url.ts';
import { pageStyles } from '../shared/ui/page-styles.ts';

/** Shown for a URL that matches no section, with a way back. */
export class NotFoundPage extends LitElement {
  static override styles = pageStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`<h1>${msg('Page not found', { id: 'notFound.title' })}</h1>
      <p><a href=${appUrl('detect')}>${msg('Go to live detection', { id: 'notFound.back' })}</a></p>`;
  }
}

customElements.define('not-found-page', NotFoundPage);

declare global {
  interface HTMLElementTagNameMap {
    'not-found-page': NotFoundPage;
  }
}
