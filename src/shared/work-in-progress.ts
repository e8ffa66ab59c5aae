// What the user is in the middle of: a training run, labeling, the live view. A reload would throw it
// away (a half-trained model, the camera, an unsaved box), so nothing reloads the page by itself while
// any of them is registered; an update then waits for the user's tap.
import type { ReactiveControllerHost } from 'lit';

export type WorkKind = 'training' | 'labeling' | 'live';

const running = new Map<symbol, WorkKind>();

/** Registers work in progress; call the returned function when it ends (calling it twice is harmless). */
export function beginWork(kind: WorkKind): () => void {
  const token = Symbol(kind);
  running.set(token, kind);
  return () => running.delete(token);
}

/** The kinds of work in progress now, e.g. ['live'], empty when the page can be reloaded. */
export function workInProgress(): WorkKind[] {
  return [...new Set(running.values())];
}

/** Reloads the page unless work is in progress; says whether it did. For reloads the user did not ask for. */
export function reloadIfIdle(): boolean {
  if (running.size > 0) return false;
  location.reload();
  return true;
}

/**
 * Keeps `kind` registered while `isWorking()` holds, checked after each update of `host`, and never
 * past its disconnection. One line in the element or controller that does the work.
 */
export function trackWork(host: ReactiveControllerHost, kind: WorkKind, isWorking: () => boolean): void {
  let end: (() => void) | undefined;
  const sync = (working: boolean) => {
    if (working && !end) end = beginWork(kind);
    else if (!working && end) {
      end();
      end = undefined;
    }
  };
  host.addController({ hostUpdated: () => sync(isWorking()), hostDisconnected: () => sync(false) });
}
