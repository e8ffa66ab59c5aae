// The app's Content-Security-Policy, in one place: `vite preview` and `start:lan` send it as a header
// (vite.config.ts), the build writes it into index.html and harness.html as a <meta> for static hosts
// (scripts/vite/content-security-policy.ts), and the service worker adds the header to what it serves
// (src/sw.ts). Everything the app loads is its own: scripts and workers come from the origin, photos and
// videos the user picks are shown through blob: URLs, and nothing is sent anywhere.

type Directive =
  | 'default-src'
  | 'script-src'
  | 'worker-src'
  | 'style-src'
  | 'img-src'
  | 'media-src'
  | 'connect-src'
  | 'object-src'
  | 'base-uri'
  | 'form-action'
  | 'frame-ancestors';

const DIRECTIVES: Readonly<Record<Directive, readonly string[]>> = {
  'default-src': ["'self'"],
  // WebAssembly.instantiate needs 'wasm-unsafe-eval' (TF.js's WASM backend, long.js in tfjs-core);
  // JavaScript itself is never evaluated from text.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // TF.js's threaded WASM build starts its pthread workers from blob: URLs it makes itself.
  'worker-src': ["'self'", 'blob:'],
  // The <style> in index.html; Lit's styles are constructed style sheets, which CSP does not restrict.
  'style-src': ["'self'", "'unsafe-inline'"],
  // The user's photos (dataset gallery, label editor) and picked videos are shown from blob: URLs.
  'img-src': ["'self'", 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta> policy ignores (CSP 3 §3.3): only a header can deliver them. */
const HEADER_ONLY: ReadonlySet<Directive> = new Set(['frame-ancestors']);

function serialize(include: (directive: Directive) => boolean): string {
  return (Object.entries(DIRECTIVES) as [Directive, readonly string[]][])
    .filter(([directive]) => include(directive))
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/** The full policy, as the `Content-Security-Policy` header sends it. */
export const CONTENT_SECURITY_POLICY = serialize(() => true);

/** The same policy without the header-only directives, for `<meta http-equiv="Content-Security-Policy">`. */
export const CONTENT_SECURITY_POLICY_META = serialize((directive) => !HEADER_ONLY.has(directive));
