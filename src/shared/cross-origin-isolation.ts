// SharedArrayBuffer, and with it the threaded WASM build of TF.js, needs a cross-origin isolated page.
// Every resource the app loads is its own, so isolation breaks nothing. `vite dev`, `vite preview` and
// `start:lan` send these headers (vite.config.ts); on static hosts that cannot set headers the service
// worker adds them to what it serves (src/sw.ts), so from the second load on the app is isolated there too.
export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
