import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import type { Toaster, ToastOptions, ToastOutcome } from './toast-context.ts';

interface QueuedToast {
  message: string;
  options: ToastOptions;
  settle: (outcome: ToastOutcome) => void;
}

/**
 * The app's single snackbar: one message at a time, queued, announced through an aria-live region.
 * @csspart toast - the visible message box
 */
export class ToastHost extends LitElement implements Toaster {
  static override properties = { _current: { state: true } };
  static override styles = css`
    :host {
      position: fixed;
      inset-inline: 0;
      bottom: calc(var(--bottom-nav-height, 0px) + 1rem + env(safe-area-inset-bottom));
      display: flex;
      justify-content: center;
      pointer-events: none;
      z-index: 20;
    }
    .toast {
      pointer-events: auto;
      display: flex;
      align-items: center;
      gap: 0.75rem;
      max-width: min(36rem, calc(100vw - 2rem));
      padding: 0.5rem 0.5rem 0.5rem 1rem;
      border-radius: 0.75rem;
      background: var(--toast-bg);
      color: var(--toast-fg);
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.3);
    }
    .toast[data-tone='error'] {
      background: var(--danger);
      color: #fff;
    }
    button {
      min-height: var(--tap-target);
      min-width: var(--tap-target);
      padding: 0 0.9rem;
      border: 0;
      border-radius: 0.5rem;
      background: transparent;
      color: inherit;
      font: inherit;
      font-weight: 700;
      cursor: pointer;
    }
    /* A short action word ("使う", "再読み込み") stays on one line; the message beside it wraps instead. */
    button.action {
      color: var(--accent-on-dark);
      white-space: nowrap;
      flex: none;
    }
  `;

  declare private _current: QueuedToast | undefined;
  private readonly _queue: QueuedToast[] = [];
  private _timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  show(message: string, options: ToastOptions = {}): Promise<ToastOutcome> {
    return new Promise((settle) => {
      this._queue.push({ message, options, settle });
      if (!this._current) this._next();
    });
  }

  private _next() {
    clearTimeout(this._timer);
    this._current = this._queue.shift();
    const timeout = this._current?.options.timeout ?? (this._current?.options.action ? 0 : 6000);
    if (this._current && timeout > 0) this._timer = setTimeout(() => this._settle('dismissed'), timeout);
  }

  private _settle(outcome: ToastOutcome) {
    this._current?.settle(outcome);
    this._next();
  }

  override render() {
    const toast = this._current;
    // The live region stays in the DOM so screen readers announce each new message.
    return html`<div role="status" aria-live="polite">
      ${
        toast
          ? html`<div class="toast" part="toast" data-tone=${toast.options.tone ?? 'info'}>
            <span>${toast.message}</span>
            ${
              toast.options.action
                ? html`<button class="action" @click=${() => this._settle('action')}>${toast.options.action}</button>`
                : nothing
            }
            <button aria-label=${msg('Close', { id: 'toast.close' })} @click=${() => this._settle('dismissed')}>✕</button>
          </div>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('toast-host', ToastHost);

declare global {
  interface HTMLElementTagNameMap {
    'toast-host': ToastHost;
  }
}
