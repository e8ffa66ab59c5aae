import { ContextConsumer } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { BackendChangeEvent } from './backend-change-event.ts';
import { backendContext } from './backend-context.ts';
import { BACKENDS, type BackendChoice, isBackendChoice } from './backends.ts';

/**
 * Shows which TF.js backend runs the models and lets the user override the automatic choice.
 * @fires tama-backend-change - the user picked another backend or "auto"
 * @csspart select - the native select
 */
export class BackendChip extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    label {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      min-height: var(--tap-target);
      padding: 0 0.3rem 0 0.7rem;
      border-radius: 999px;
      background: var(--chip-bg);
      color: var(--chip-fg);
      font-size: 0.85rem;
    }
    .dot {
      width: 0.6rem;
      height: 0.6rem;
      border-radius: 50%;
      background: var(--warn);
    }
    :host([data-status='ready']) .dot {
      background: var(--ok);
    }
    :host([data-status='failed']) .dot {
      background: var(--danger);
    }
    select {
      /* The option texts are long ("WEBGPU (software, slow)"); on a phone the chip must leave room. */
      max-width: min(10rem, 27vw);
      text-overflow: ellipsis;
      min-height: 36px;
      border: 0;
      border-radius: 999px;
      background: transparent;
      color: inherit;
      font: inherit;
      font-weight: 600;
    }
  `;

  private readonly _backend = new ContextConsumer(this, { context: backendContext, subscribe: true });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    const info = this._backend.value;
    const status = info?.status ?? 'selecting';
    this.dataset.status = status;
    this.dataset.backend = info?.active ?? '';
    const label =
      status === 'ready' && info?.active
        ? info.active.toUpperCase()
        : status === 'failed'
          ? msg('no backend', { id: 'backend.none' })
          : status === 'idle'
            ? msg('standby', { id: 'backend.idle' })
            : msg('starting…', { id: 'backend.starting' });
    const working = new Map(info?.probes.map((probe) => [probe.name, probe]) ?? []);
    // The backend first: on a narrow phone the end of the text is what gets cut off.
    const auto = msg('Auto', { id: 'backend.auto' });
    const autoText = info?.preference === 'auto' ? `${label} (${auto})` : auto;
    return html`<label title=${info?.error ?? msg('TF.js backend', { id: 'backend.title' })}>
      <span class="dot" aria-hidden="true"></span>
      <select part="select" aria-label=${msg('TF.js backend', { id: 'backend.title' })} @change=${this._onChange}>
        <option value="auto" ?selected=${info?.preference === 'auto'}>
          ${autoText}
        </option>
        ${BACKENDS.map((name) => {
          const probe = working.get(name);
          const note =
            info?.lost === name
              ? ` (${msg('stopped', { id: 'backend.lost' })}) → ${label}`
              : probe?.software
                ? ` (${msg('software, slow', { id: 'backend.software' })})`
                : probe?.ok === false
                  ? ` (${msg('unavailable', { id: 'backend.unavailable' })})`
                  : '';
          return html`<option value=${name} ?selected=${info?.preference === name}>${name.toUpperCase()}${note}</option>`;
        })}
      </select>
    </label>`;
  }

  private _onChange(event: Event) {
    const value = (event.target as HTMLSelectElement).value;
    if (isBackendChoice(value)) this.dispatchEvent(new BackendChangeEvent(value as BackendChoice));
  }
}

customElements.define('backend-chip', BackendChip);

declare global {
  interface HTMLElementTagNameMap {
    'backend-chip': BackendChip;
  }
}
