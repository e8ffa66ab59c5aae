import { ContextProvider } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { DatasetStore, datasetContext } from '../dataset/dataset-store.ts';
import { ModelStore, modelStoreContext } from '../model/model-store.ts';
import { afterNextPaint } from '../shared/after-paint.ts';
import { appUrl } from '../shared/app-url.ts';
import { BackendChangeEvent } from '../shared/backend/backend-change-event.ts';
import { type BackendInfo, backendContext } from '../shared/backend/backend-context.ts';
import { backendPreference } from '../shared/backend/backend-preference.ts';
import { type BackendChoice, type BackendName, selectBackend } from '../shared/backend/backends.ts';
import { watchBlockedDatabases } from '../shared/database-open.ts';
import { describeError, describeProblem, errorDetail } from '../shared/errors.ts';
import { registrationStarted, reloadIntoIsolation } from '../shared/first-visit.ts';
import { trackLoad } from '../shared/page-loads.ts';
import { ProblemError, problem } from '../shared/problem.ts';
import { problemMessage } from '../shared/ui/error-message.ts';
import { toastContext } from '../shared/ui/toast-context.ts';
import type { ToastHost } from '../shared/ui/toast-host.ts';
import { applyLocale, getLocale, type Locale } from './i18n.ts';
import { loadPage, loadPageExtras } from './page-modules.ts';
import { RouterController } from './router-controller.ts';
import { ROUTE_VIEWS, ROUTES_USING_TF, type RouteName } from './routes.ts';
import { tamaAppStyles } from './tama-app.styles.ts';
import { applyTheme, preferredTheme, THEMES, type Theme } from './theme.ts';
import '../shared/backend/backend-chip.ts';
import '../shared/ui/toast-host.ts';

/**
 * The app shell: header (brand, backend, language, theme), section tabs, and the routed page.
 * Provides the backend and toast services to every feature through @lit/context.
 */
export class TamaApp extends LitElement {
  static override properties = {
    _theme: { state: true },
    _blocked: { state: true },
    _pageFailed: { state: true },
  };
  static override styles = tamaAppStyles;

  private readonly _router = new RouterController(this);
  private readonly _backend = new ContextProvider(this, {
    context: backendContext,
    initialValue: this._idleBackend(backendPreference.get()),
  });
  /** Hands the selection that starts later to whoever awaited `ready` while the backend was idle. */
  private _startIdle?: (ready: Promise<BackendName>) => void;
  private readonly _toasts = new ContextProvider(this, {
    context: toastContext,
    initialValue: { show: (message, options) => this._toastHost.show(message, options) },
  });
  declare private _theme: Theme;
  /** An older version of the app, open in another tab, holds a storage upgrade of this one. */
  declare private _blocked: boolean;
  private _unwatchBlocked = () => {};
  /** Why the routed page's module did not load (a lost connection before the app was cached). */
  declare private _pageFailed: string | undefined;
  private _shownRoute: RouteName | undefined | null = null;
  private _pagePainted!: () => void;
  private _pageShown = false;
  /**
   * Settles once the first page has painted its words and controls. TF.js, the model and the service
   * worker wait for it, so they cannot hold up what a student sees first.
   */
  private readonly _firstPagePainted = new Promise<void>((resolve) => {
    this._pagePainted = resolve;
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._theme = preferredTheme();
    this._blocked = false;
    // The provider registers itself with this element; nothing here reads it back.
    new ContextProvider(this, { context: datasetContext, initialValue: new DatasetStore() });
    new ContextProvider(this, { context: modelStoreContext, initialValue: new ModelStore() });
    this.addEventListener(BackendChangeEvent.eventName, (event) => this._onBackendChange(event));
  }

  private get _toastHost(): ToastHost {
    return this.renderRoot.querySelector('toast-host') as ToastHost;
  }

  override connectedCallback() {
    super.connectedCallback();
    this._unwatchBlocked = watchBlockedDatabases((names) => {
      this._blocked = names.length > 0;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._unwatchBlocked();
  }

  override firstUpdated() {
    // Registered now, so a page that loads its model before the service worker is registered still
    // waits for it (first-visit.ts) instead of downloading the model twice.
    // The first touch of navigator.serviceWorker and sessionStorage costs ~8 ms (30 on a phone): after the paint.
    registrationStarted(
      this._firstPagePainted
        .then(() => {
          reloadIntoIsolation();
          return import('./register-pwa.ts');
        })
        .then(({ registerPwa }) => registerPwa(this._toasts.value)),
    );
  }

  override willUpdate() {
    const route = this._router.route;
    if (route !== this._shownRoute) {
      this._shownRoute = route;
      void this._showPage(route);
    }
    if (route && ROUTES_USING_TF.has(route) && this._backend.value.status === 'idle') {
      this._backend.setValue(this._startBackend(this._backend.value.preference));
    }
  }

  override updated() {
    const page = ROUTE_VIEWS.find((view) => view.name === this._router.route);
    document.title = page
      ? `${page.label()} · ${msg('Tama Lab', { id: 'app.name' })}`
      : msg('Tama Lab', { id: 'app.name' });
  }

  private async _showPage(route: RouteName | undefined) {
    this._pageFailed = undefined;
    try {
      await loadPage(route);
    } catch (error) {
      // The detail is folded under the Japanese sentence (problemMessage), never shown as the sentence.
      if (this._shownRoute === route) this._pageFailed = errorDetail(error) ?? ''; // i18n-ok: folded detail
    }
    await this.updateComplete;
    const page = this.renderRoot.querySelector('main > :first-child') as { updateComplete?: Promise<unknown> } | null;
    await page?.updateComplete;
    await afterNextPaint();
    // Tests and benchmarks check that nothing heavy was asked for before this mark.
    if (!this._pageShown) performance.mark('tama:page-painted');
    this._pageShown = true;
    this._pagePainted();
    loadPageExtras(route).catch(() => {});
  }

  private _idleBackend(preference: BackendChoice): BackendInfo {
    const ready = new Promise<BackendName>((resolve) => {
      this._startIdle = resolve;
    });
    return { preference, status: 'idle', probes: [], ready };
  }

  /**
   * Starts (re)selecting a backend and returns the info snapshot describing it while it runs. After
   * `lost` lost its GPU, the next backend is selected for this visit; the saved preference stays.
   */
  private _startBackend(preference: BackendChoice, lost?: BackendName): BackendInfo {
    // Its WebAssembly and worker scripts are fetched while it starts; an update's handover waits for them.
    const selecting = this._firstPagePainted.then(async () => {
      // What to do when a GPU is lost loads with the backend, not before the page paints.
      const { selectAfterLoss, watchBackendLoss } = await import('../shared/backend/gpu-loss.ts');
      const selection = await (lost ? selectAfterLoss(lost) : selectBackend(preference));
      return { selection, watchBackendLoss };
    });
    const ready = trackLoad(selecting).then(
      ({ selection, watchBackendLoss }) => {
        const { active, probes } = selection;
        this._backend.setValue({ preference, status: 'ready', active, probes, ready, ...(lost ? { lost } : {}) });
        watchBackendLoss(active, (gone) => {
          if (this._backend.value.ready === ready) this._backend.setValue(this._startBackend(preference, gone));
        });
        if (lost) {
          const params = { lost: lost.toUpperCase(), active: active.toUpperCase() };
          void this._toasts.value.show(describeProblem(problem('backend.lost', `${lost} was lost`, params)));
        } else if (selection.fellBack) {
          const reason = selection.probes[0]?.reason ?? '';
          const params = { wanted: preference.toUpperCase(), active: selection.active.toUpperCase() };
          const fellBack = new ProblemError(problem('backend.fellBack', reason, params));
          void this._toasts.value.show(describeError('backend', fellBack), { tone: 'error' });
        }
        return selection.active;
      },
      (error: unknown) => {
        const message = describeError('backend', error);
        this._backend.setValue({ preference, status: 'failed', probes: [], error: message, ready });
        void this._toasts.value.show(message, { tone: 'error' });
        throw error;
      },
    );
    // Features attach their own handlers; this one only keeps an unobserved failure from being reported twice.
    ready.catch(() => {});
    this._startIdle?.(ready);
    this._startIdle = undefined;
    return { preference, status: 'selecting', probes: [], ready };
  }

  private _onBackendChange(event: BackendChangeEvent) {
    backendPreference.set(event.detail);
    this._backend.setValue(this._startBackend(event.detail));
  }

  private async _onToggleLocale() {
    const next: Locale = getLocale() === 'ja' ? 'en' : 'ja';
    await applyLocale(next, true);
  }

  private _onCycleTheme() {
    this._theme = THEMES[(THEMES.indexOf(this._theme) + 1) % THEMES.length] ?? 'auto';
    applyTheme(this._theme, true);
  }

  private _renderPage(route: RouteName | undefined) {
    if (this._pageFailed !== undefined) {
      return html`<p class="page-failed" role="alert">
        ${problemMessage(problem('page.unloaded', this._pageFailed))}
        <button @click=${() => location.reload()}>${msg('Reload', { id: 'pwa.reload' })}</button>
      </p>`;
    }
    switch (route) {
      case 'detect':
        return html`<detect-page></detect-page>`;
      case 'label':
        return html`<label-page></label-page>`;
      case 'train':
        return html`<train-page></train-page>`;
      case 'mnist':
        return html`<mnist-page></mnist-page>`;
      case 'about':
        return html`<about-page></about-page>`;
      case 'share':
        return html`<share-page></share-page>`;
      case 'receive':
        return html`<receive-page></receive-page>`;
      case 'bench':
        return html`<bench-page></bench-page>`;
      case undefined:
        return html`<not-found-page></not-found-page>`;
    }
  }

  override render() {
    const themeLabel = {
      auto: msg('Theme: auto', { id: 'theme.auto' }),
      light: msg('Theme: light', { id: 'theme.light' }),
      dark: msg('Theme: dark', { id: 'theme.dark' }),
    }[this._theme];
    return html`
      <header>
        <a class="brand" href=${appUrl('detect')} aria-label=${msg('Tama Lab', { id: 'app.name' })}><img src=${appUrl('icons/icon.svg')} alt="" /><span>${msg('Tama Lab', { id: 'app.name' })}</span></a>
        <nav aria-label=${msg('Sections', { id: 'nav.label.sections' })}>
          <ul>
            ${ROUTE_VIEWS.map(
              (view) => html`<li>
                <a href=${view.path} aria-current=${this._router.route === view.name ? 'page' : 'false'} data-route=${view.name}>
                  <span class="icon" aria-hidden="true">${view.icon}</span>${view.label()}
                </a>
              </li>`,
            )}
          </ul>
        </nav>
        <div class="tools">
          <backend-chip></backend-chip>
          <a class="icon-button" href=${appUrl('share')} data-share aria-label=${`QR: ${msg('Share the app', { id: 'share.title' })}`}
            title=${msg('Share the app', { id: 'share.title' })}>QR</a>
          <button class="icon-button" @click=${this._onToggleLocale} lang=${getLocale() === 'ja' ? 'en' : 'ja'}
            aria-label=${getLocale() === 'ja' ? 'EN: Switch to English' : '日本語に切り替える'}>
            ${getLocale() === 'ja' ? 'EN' : '日本語'}
          </button>
          <button class="icon-button" @click=${this._onCycleTheme} aria-label=${themeLabel} title=${themeLabel}>
            ${{ auto: '◐', light: '☀', dark: '☾' }[this._theme]}
          </button>
        </div>
      </header>
      ${
        this._blocked
          ? html`<p class="blocked" role="alert" data-storage-blocked>${msg('An older Tama Lab is still open in another tab and holds your photos and models. Close the other Tama Lab tabs: this one goes on by itself once they are closed.', { id: 'app.storageBlocked' })}</p>`
          : nothing
      }
      <main id="main">${this._renderPage(this._router.route)}</main>
      <toast-host></toast-host>
    `;
  }
}

// Defined by main.ts once the translations are in.

declare global {
  interface HTMLElementTagNameMap {
    'tama-app': TamaApp;
  }
}
