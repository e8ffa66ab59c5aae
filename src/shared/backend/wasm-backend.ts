// Registers the WASM backend with the app's own copies of its binaries (copied into public/ at install
// time): the SIMD and threaded SIMD builds are precached, the plain one is cached when first needed.
// In a cross-origin isolated page or worker TF.js picks the threaded build by itself; elsewhere SIMD.
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { appUrl } from '../app-url.ts';

setWasmPaths(appUrl('tfjs-wasm/'));

/** emscripten's pthread pool holds 8 workers, the most XNNPACK can be given. */
const MOST_THREADS = 8;

/** Threads XNNPACK should use here: every logical core (the caller's thread counts as one). */
export function wantedThreads(): number {
  return Math.max(1, Math.min(MOST_THREADS, navigator.hardwareConcurrency || 1));
}

/**
 * Runs `initialise` (TF.js's WASM backend start-up) so that XNNPACK gets every core. The backend caps its
 * thread pool at half of `navigator.hardwareConcurrency` — it assumes two hyper-threads per core, which
 * leaves one thread on a 2-core laptop and 3–4 of a phone's 6–8 cores. The cap is read once, while the
 * module instantiates, so the count is doubled for exactly that moment and then given back.
 */
export async function withEveryCore<T>(initialise: () => Promise<T>): Promise<T> {
  const threads = wantedThreads();
  setThreadsCount(threads);
  Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => threads * 2 });
  try {
    return await initialise();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** Threads the WASM backend really runs with (1 when it runs the non-threaded build). */
export function wasmThreads(): number {
  return getThreadsCount();
}
