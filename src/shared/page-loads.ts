// What this page is still fetching for itself: the TF.js backend's start (its WebAssembly and worker
// scripts) and model files. An update's handover waits for these to finish, because Chromium restarts the
// old service worker for a fetch that comes in while it is being stopped for the handover, and then holds
// the handover until this tab unloads; the reload that follows never commits (update-handover.ts).

const pending = new Set<Promise<unknown>>();

/** Registers a load in progress and returns it unchanged. */
export function trackLoad<T>(load: Promise<T>): Promise<T> {
  pending.add(load);
  const forget = () => pending.delete(load);
  load.then(forget, forget);
  return load;
}

/** How long the page must fetch nothing new to count as quiet: one load often starts right after another. */
const QUIET_MS = 300;

/** Resolves once no load has been in progress for a moment, or after `limitMs` at the latest. */
export async function loadsSettled(limitMs: number): Promise<void> {
  const deadline = performance.now() + limitMs;
  const until = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  while (performance.now() < deadline) {
    if (pending.size > 0) {
      await Promise.race([Promise.allSettled([...pending]), until(deadline - performance.now())]);
      continue;
    }
    await until(Math.min(QUIET_MS, deadline - performance.now()));
    if (pending.size === 0) return;
  }
}
