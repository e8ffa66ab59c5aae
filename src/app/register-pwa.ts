import { registerSW } from 'virtual:pwa-register';
import { msg } from '@lit/localize';
import { describeError } from '../shared/errors.ts';
import { defineSetting, isBoolean } from '../shared/settings.ts';
import type { Toaster } from '../shared/ui/toast-context.ts';
import { reloadIfIdle } from '../shared/work-in-progress.ts';
import { handOverToWaitingVersion } from './update-handover.ts';

const offlineNoticeShown = defineSetting('offline-ready-shown', {
  version: 1,
  fallback: false,
  parse: isBoolean,
  legacyKey: 'tama-lab:offline-ready-shown',
});

/**
 * Registers the Workbox service worker (through workbox-window) and tells the user, once, when the app
 * works offline. A new version waits for the user: "Update available" stays until they tap Reload
 * (skip-waiting, then reload on controllerchange: update-handover.ts). A new version that took over without that tap
 * (the user accepted it in another tab) reloads this page only while nothing is in progress here
 * (see work-in-progress.ts); during a training run, labeling or the live view it is offered instead.
 * Settles once the registration exists (or failed): first-visit.ts waits for that.
 */
export function registerPwa(toaster: Toaster): Promise<void> {
  if (!('serviceWorker' in navigator)) return Promise.resolve();
  let userAsked = false;
  let offering = false;
  const reload = () => location.reload();
  const offerUpdate = async () => {
    if (offering) return;
    offering = true;
    const outcome = await toaster.show(msg('Update available', { id: 'pwa.updateAvailable' }), {
      action: msg('Reload', { id: 'pwa.reload' }),
    });
    offering = false;
    if (outcome !== 'action') return;
    userAsked = true;
    await handOverToWaitingVersion(toaster, reload);
  };
  let registeredNow = () => {};
  const registered = new Promise<void>((resolve) => {
    registeredNow = resolve;
  });
  registerSW({
    immediate: true,
    onRegisteredSW: () => registeredNow(),
    onOfflineReady() {
      if (offlineNoticeShown.get()) return;
      offlineNoticeShown.set(true);
      void toaster.show(msg('Ready to work offline', { id: 'pwa.offlineReady' }));
    },
    onNeedRefresh: () => void offerUpdate(),
    // The new version controls this page now; without this handler registerSW would reload right away.
    onNeedReload() {
      if (userAsked) reload();
      else if (!reloadIfIdle()) void offerUpdate();
    },
    onRegisterError(error: unknown) {
      registeredNow();
      void toaster.show(describeError('offline', error), { tone: 'error' });
    },
  });
  return registered;
}
