// On a first visit the service worker downloads its precache (about 7 MB, mostly the default model)
// while the page would download the same model itself: twice the bytes, times 30 phones on one school
// Wi-Fi. So a page that is not yet controlled waits for the installing worker, which claims it when done
// (src/sw.ts), and then loads the model from the worker's cache. The worker reports its progress.
import { workInProgress } from './work-in-progress.ts';

export const PRECACHE_PROGRESS = 'tama:precache-progress';

export interface PrecacheProgressMessage {
  type: typeof PRECACHE_PROGRESS;
  done: number;
  total: number;
}

/** Settles once the app's own registration of its service worker did (registerPwa says when it starts). */
let registered: Promise<unknown> = Promise.resolve();

/**
 * The app calls this as it registers its service worker. Under load the page may reach its model
 * before the registration exists; without this, it would find no worker installing, download the
 * model itself, and the worker would download it again.
 */
export function registrationStarted(registering: Promise<unknown>): void {
  registered = registering.catch(() => {});
}

function isProgress(data: unknown): data is PrecacheProgressMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === PRECACHE_PROGRESS;
}

/**
 * Resolves once this page is controlled by a service worker that has precached everything, or at once
 * when there is nothing to wait for: no service worker support, already controlled, or no worker being
 * installed (registration refused, e.g. an untrusted certificate). A failed install resolves too: the page
 * then downloads what it needs itself.
 */
export async function untilPrecached(onProgress: (fraction: number) => void = () => {}): Promise<void> {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller) return;
  await registered;
  const registration = await navigator.serviceWorker.getRegistration();
  const installing = registration?.installing ?? registration?.waiting;
  // Taken over meanwhile, or nothing being installed: nothing to wait for.
  if (navigator.serviceWorker.controller || !installing || registration?.active) return;
  const container = navigator.serviceWorker;
  const onMessage = (event: MessageEvent) => {
    if (isProgress(event.data)) onProgress(event.data.done / Math.max(1, event.data.total));
  };
  container.addEventListener('message', onMessage);
  container.startMessages();
  try {
    await new Promise<void>((resolve) => {
      container.addEventListener('controllerchange', () => resolve(), { once: true });
      installing.addEventListener('statechange', () => {
        if (installing.state === 'redundant') resolve();
      });
    });
  } finally {
    container.removeEventListener('message', onMessage);
  }
}

const ISOLATION_RELOAD = 'tama-lab:isolation-reload';

let fullLoadWanted = false;

/**
 * On a static host the headers for cross-origin isolation (threads for WASM) come from the service worker
 * (src/sw.ts), so a first visit, served by the network, is not isolated. Once the new worker controls
 * the page, the next load is isolated; the app makes that load happen where nobody sees it: when the
 * tab is hidden, or when the user opens another section (a full page load instead of an in-page switch,
 * see isolationWantsFullLoad). Never while work is in progress (work-in-progress.ts), and once per tab.
 * A reload in front of the user would repaint the page they are reading (and a page measured while it
 * reloads itself measures the reload).
 */
export function reloadIntoIsolation(): void {
  if (globalThis.crossOriginIsolated || !('serviceWorker' in navigator) || navigator.serviceWorker.controller) return;
  if (sessionStorage.getItem(ISOLATION_RELOAD)) return;
  navigator.serviceWorker.addEventListener(
    'controllerchange',
    () => {
      if (!navigator.serviceWorker.controller) return;
      fullLoadWanted = true;
      const reloadWhenHidden = () => {
        if (document.visibilityState !== 'hidden' || !isolationWantsFullLoad()) return;
        sessionStorage.setItem(ISOLATION_RELOAD, '1');
        location.reload();
      };
      document.addEventListener('visibilitychange', reloadWhenHidden);
    },
    { once: true },
  );
}

/** True when the next section should open with a full page load, which makes the page isolated. */
export function isolationWantsFullLoad(): boolean {
  return fullLoadWanted && !globalThis.crossOriginIsolated && workInProgress().length === 0;
}
