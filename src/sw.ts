// The service worker (built by vite-plugin-pwa's injectManifest from this file). A first visit precaches
// only what the live view needs (see vite.config.ts); everything else is cached on first use, so a phone
// on a class's shared Wi-Fi downloads MNIST or the sample photos only when it opens them.
import { clientsClaim } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { ExpirationPlugin } from 'workbox-expiration';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { isShareTargetPost, parkSharedFiles } from './features/share/share-inbox.ts';
import { CONTENT_SECURITY_POLICY } from './shared/content-security-policy.ts';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './shared/cross-origin-isolation.ts';
import { PRECACHE_PROGRESS, type PrecacheProgressMessage } from './shared/first-visit.ts';

declare const self: ServiceWorkerGlobalScope;

// registerType 'prompt': a new version waits until the user accepts the update toast.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  if (isShareTargetPost(event.request, self.registration.scope)) {
    event.respondWith(parkSharedFiles(event.request, self.registration.scope));
  }
});

/**
 * Static hosts (GitHub Pages…) cannot send the headers that make a page cross-origin isolated, which the
 * threaded WASM build needs; everything this worker serves carries them instead, so from the first
 * reload on (src/shared/first-visit.ts) pages and their workers are isolated on any host. The same goes
 * for the Content-Security-Policy: the pages' <meta> covers the pages only, the header covers the app's
 * workers too (and forbids framing). A host that sends its own policy keeps it.
 */
const securityHeaders: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => {
    if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION_HEADERS)) headers.set(name, value);
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    // The body as a whole, not re-streamed: with a streamed body an accepted update stayed "installed"
    // (never activated) in 3 of 6 runs of tests/e2e/update-during-work.test.ts, 0 of 6 with this.
    return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
  },
};

// A first visit's page waits for the precache instead of downloading the model a second time
// (src/shared/first-visit.ts): it hears the progress, and is claimed as soon as the worker is active.
const manifest = self.__WB_MANIFEST;
let precached = 0;
addPlugins([
  securityHeaders,
  {
    cacheDidUpdate: async () => {
      precached += 1;
      const message: PrecacheProgressMessage = { type: PRECACHE_PROGRESS, done: precached, total: manifest.length };
      for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true }))
        client.postMessage(message);
    },
  },
]);
precacheAndRoute(manifest);
clientsClaim();
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/harness/] }));

/** Fetched on first use, then kept for offline: files under these folders that are not precached. */
function cachedOnFirstUse(folders: readonly string[], cacheName: string, maxEntries?: number): void {
  const plugins = [securityHeaders, ...(maxEntries ? [new ExpirationPlugin({ maxEntries })] : [])];
  registerRoute(
    ({ url }) => url.origin === self.location.origin && folders.some((folder) => url.pathname.includes(folder)),
    new CacheFirst({ cacheName, plugins }),
  );
}
// The other weight precisions; 'models' is the cache name earlier versions used, so nothing is orphaned.
cachedOnFirstUse(['/models/'], 'models');
// MNIST (11 MB), the sample photos (3 MB) and the WASM builds this browser did not need at first.
cachedOnFirstUse(['/mnist/', '/datasets/', '/tfjs-wasm/'], 'on-first-use');
// The GPU backends' code (vite.config.ts names those chunks): hashed names, so each release adds new
// ones; keeping the latest few drops old versions.
cachedOnFirstUse(['/assets/tfjs-webgpu-', '/assets/tfjs-webgl-'], 'backends', 4);
