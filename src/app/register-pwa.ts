import { registerSW } from 'virtual:pwa-register';
import { msg } from '@lit/localize';
import { describeError } from '../shared/errors.ts';
import { defineSetting, isBoolean } from '../shared/settings.ts';
import type { Toaster } from '../shared/ui/toast-context.ts';

const offlineNoticeShown = defineSetting('offline-ready-shown', {
  version: 1,
  fallback: false,
  parse: isBoolean,
  legacyKey: 'tama-lab:offline-ready-shown',
});

/**
 * Registers the Workbox service worker (through workbox-window) and tells the user, once, when the app
 * works offline; later, when a new version is waiting, offers to reload into it (skip-waiting, then
 * reload on controllerchange, which registerSW handles).
 */
export function registerPwa(toaster: Toaster): void {
  if (!('serviceWorker' in navigator)) return;
  const updateServiceWorker = registerSW({
    immediate: true,
    onOfflineReady() {
      if (offlineNoticeShown.get()) return;
      offlineNoticeShown.set(true);
      void toaster.show(msg('Ready to work offline', { id: 'pwa.offlineReady' }));
    },
    async onNeedRefresh() {
      const outcome = await toaster.show(msg('Update available', { id: 'pwa.updateAvailable' }), {
        action: msg('Reload', { id: 'pwa.reload' }),
      });
      if (outcome !== 'action') return;
      // An uncontrolled page (first visit) has nothing to hand over: the new worker is already active.
      if (!navigator.serviceWorker.controller) return location.reload();
      // registerSW only reloads for updates it found itself; the browser's own update checks need this.
      navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
      await updateServiceWorker(true);
    },
    onRegisterError(error: unknown) {
      void toaster.show(describeError('offline', error), { tone: 'error' });
    },
  });
}
