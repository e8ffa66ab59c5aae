import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { renderSVG } from 'uqr';
import { appUrl } from '../../shared/app-url.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { sharePageStyles } from './share-page.styles.ts';

/**
 * Onto a class's phones in a minute: a big QR code of the app's own address (sized for a projector on
 * a wide screen), the address as text, copy link and the system share sheet where the browser has one.
 */
export class SharePage extends LitElement {
  static override styles = [pageStyles, sharePageStyles];
  static override properties = { _copied: { state: true } };

  declare private _copied: 'no' | 'yes' | 'failed';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._copied = 'no';
  }

  /** The app's start page as a phone must open it: this origin and the base the build was made for. */
  private get _url(): string {
    return new URL(appUrl(), location.href).href;
  }

  private async _copy() {
    try {
      await navigator.clipboard.writeText(this._url);
      this._copied = 'yes';
    } catch {
      // Refused (no permission, insecure page): the address is on screen to copy by hand.
      this._copied = 'failed';
    }
  }

  private async _share() {
    try {
      await navigator.share({ title: msg('Tama Lab', { id: 'app.name' }), url: this._url });
    } catch {
      // Closing the share sheet rejects too; there is nothing to report.
    }
  }

  override render() {
    const url = this._url;
    // The SVG comes from uqr, drawn from our own URL: no user markup goes into it.
    const svg = renderSVG(url, { border: 2, blackColor: '#000', whiteColor: '#fff' });
    return html`
      <h1>${msg('Share the app', { id: 'share.title' })}</h1>
      <p class="lead">${msg('Scan the code with the phone camera to open Tama Lab. After the first visit it also works offline, and it can be added to the home screen.', { id: 'share.lead' })}</p>
      <figure class="qr" role="img" aria-label=${msg(str`QR code of ${url}`, { id: 'share.qr' })} data-share-qr>${unsafeSVG(svg)}</figure>
      <p class="url"><code data-share-url>${url}</code></p>
      <div class="actions">
        <button class="primary" @click=${this._copy} aria-live="polite">
          ${this._copied === 'yes' ? msg('Link copied', { id: 'share.copied' }) : msg('Copy link', { id: 'share.copy' })}</button>
        ${'share' in navigator ? html`<button @click=${this._share}>${msg('Share…', { id: 'share.system' })}</button>` : nothing}
      </div>
      ${this._copied === 'failed' ? html`<p class="error" role="alert">${msg('The link could not be copied: select the address above and copy it by hand.', { id: 'share.copyFailed' })}</p>` : nothing}
    `;
  }
}

customElements.define('share-page', SharePage);

declare global {
  interface HTMLElementTagNameMap {
    'share-page': SharePage;
  }
}
