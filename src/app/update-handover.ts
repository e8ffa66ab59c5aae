// The user tapped "Reload" on "Update available": hand the page over to the waiting version and reload
// into it. The browser activates the waiting worker only when the old one has finished what it is doing
// for every tab, and a skip-waiting message can reach a worker as it is being stopped; either way the
// tap used to do nothing, with no word. Here the message is repeated until the handover happens, a
// handover whose controllerchange was missed still reloads, and a handover that keeps waiting is
// explained, then the page reloads all the same and switches by itself the moment the handover happens.
import { msg } from '@lit/localize';
import { loadsSettled } from '../shared/page-loads.ts';
import type { Toaster } from '../shared/ui/toast-context.ts';

const RETRY_MS = 1_000;
const EXPLAIN_AFTER_MS = 5_000;
/**
 * Seen in 1 of 10 loaded test runs: the old worker was stopped for the handover, started again for a
 * request and then held the handover for over 30 s. Reloading ends this tab's requests (which may be the
 * ones holding it); the reloaded page, having nothing in progress, switches by itself once it happens.
 */
const RELOAD_ANYWAY_AFTER_MS = 12_000;
/**
 * How long the handover waits for this tab's own loads (page-loads.ts). A tap while the page was starting
 * its backend or fetching a model got the old worker stopped for the handover and at once restarted for
 * the next file; the browser then held the handover until this tab unloaded, and the reload never
 * committed (4 of 39 loaded runs, and every run of the test that taps during the live view's start).
 */
const OWN_LOADS_WAIT_MS = 30_000;

export async function handOverToWaitingVersion(toaster: Toaster, reload: () => void): Promise<void> {
  await loadsSettled(OWN_LOADS_WAIT_MS);
  const registration = await navigator.serviceWorker.getRegistration();
  const waiting = registration?.waiting;
  // Nothing to hand over (a first visit, or another tab already switched): the reload is the update.
  if (!registration || !navigator.serviceWorker.controller || !waiting) return reload();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearInterval(retry);
    reload();
  };
  navigator.serviceWorker.addEventListener('controllerchange', finish, { once: true });
  const startedAt = performance.now();
  let explained = false;
  const check = () => {
    // Activated without a controllerchange reaching this page: reload into it all the same.
    if (registration.active === waiting || waiting.state === 'activated' || waiting.state === 'activating') {
      return finish();
    }
    if (waiting.state === 'redundant') {
      // An even newer version replaced it: hand over to that one instead.
      clearInterval(retry);
      done = true;
      navigator.serviceWorker.removeEventListener('controllerchange', finish);
      void handOverToWaitingVersion(toaster, reload);
      return;
    }
    waiting.postMessage({ type: 'SKIP_WAITING' });
    if (performance.now() - startedAt > RELOAD_ANYWAY_AFTER_MS) return finish();
    if (!explained && performance.now() - startedAt > EXPLAIN_AFTER_MS) {
      explained = true;
      void toaster.show(
        msg('The new version starts as soon as the other Tama Lab tabs finish loading. This page then reloads.', {
          id: 'pwa.handoverWaiting',
        }),
      );
    }
  };
  const retry = setInterval(check, RETRY_MS);
  waiting.postMessage({ type: 'SKIP_WAITING' });
}
