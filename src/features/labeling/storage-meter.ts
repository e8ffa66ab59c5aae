import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { formatBytes, requestPersistence, storageStatus } from '../../dataset/storage-status.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';

/** How much of the browser's storage quota the dataset uses, and whether it is safe from eviction. */
export class StorageMeter extends LitElement {
  static override properties = { revision: { type: Number } };
  static override styles = [
    pageStyles,
    css`
      :host {
        display: block;
      }
      meter {
        width: 100%;
        height: 0.75rem;
      }
    `,
  ];
  declare revision: number;
  private readonly _status = new Task(this, {
    args: () => [this.revision] as const,
    task: () => storageStatus(),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.revision = 0;
  }

  private async _persist() {
    await requestPersistence();
    this.revision++;
  }

  override render() {
    return this._status.render({
      complete: (status) => {
        if (!status)
          return html`<p>${msg('This browser does not report its storage use.', { id: 'storage.unknown' })}</p>`;
        const used = formatBytes(status.usage);
        const quota = formatBytes(status.quota);
        return html`<meter min="0" max=${status.quota} value=${status.usage} aria-label=${msg('Storage used', { id: 'storage.used' })}></meter>
          <p data-persisted=${status.persisted}>${msg(str`${used} used of ${quota} available to this app.`, { id: 'storage.usage' })}
          ${
            status.persisted
              ? msg('Your photos are kept even when the device runs low on space.', { id: 'storage.persisted' })
              : html`${msg('The browser may delete them when space runs low.', { id: 'storage.notPersisted' })}
                <span class="actions"><button @click=${this._persist}>${msg('Keep my photos', { id: 'storage.persist' })}</button></span>`
          }</p>`;
      },
    });
  }
}

customElements.define('storage-meter', StorageMeter);

declare global {
  interface HTMLElementTagNameMap {
    'storage-meter': StorageMeter;
  }
}
