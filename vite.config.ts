import basicSsl from '@vitejs/plugin-basic-ssl';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import {
  contentSecurityPolicyMeta,
  contentSecurityPolicyReports,
  PREVIEW_CONTENT_SECURITY_POLICY,
} from './scripts/vite/content-security-policy.ts';
import { reportPrecache } from './scripts/vite/precache-report.ts';
import { smallModulesGroup } from './scripts/vite/small-modules-chunk.ts';
import { tfjsWasmThreads } from './scripts/vite/tfjs-wasm-threads.ts';
import { workersInAppGraph } from './scripts/vite/workers-in-app-graph.ts';
import { RECEIVE_ROUTE } from './src/features/share/share-inbox.ts';
import { BALL_MODEL_FOLDER, modelFolder } from './src/model/model-variants.ts';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './src/shared/cross-origin-isolation.ts';

// The model shards are ~4 MB each; Workbox's 2 MB default would silently leave them out of the precache.
const largestPrecachedFile = 32 * 1024 * 1024;

/** The GPU backends (~0.3 MB each) load only on devices that use them, and are cached then (src/sw.ts). */
function backendChunkName(moduleIds: readonly string[]): string | undefined {
  const gpu = moduleIds.find((id) => /tfjs-backend-(webgpu|webgl)\//.test(id));
  return gpu ? `tfjs-${/tfjs-backend-(webgpu|webgl)\//.exec(gpu)?.[1]}` : undefined;
}

/** The shell and each page are what a first visit waits for before it paints. */
const shellOrPageChunk = /\/(tama-app|[a-z-]+-page)-[\w-]{8}\.js$/;

/**
 * Which chunks load beside a dynamically imported one. index.html lists the entry's own imports, and
 * the shell and each page bring theirs along: the browser asks for them all at once instead of
 * finding them one file at a time, each a round trip on a phone network. Nothing else preloads:
 * workers share the page's chunks (see workersInAppGraph), and Vite's preload helper touches
 * `document`, which a worker lacks, whenever it has something to preload.
 */
function pageDependencies(chunk: string, dependencies: string[], { hostType }: { hostType: 'html' | 'js' }) {
  return hostType === 'html' || shellOrPageChunk.test(chunk) ? dependencies : [];
}

export default defineConfig(({ mode }) => ({
  base: '/',
  build: {
    target: 'es2022',
    sourcemap: true,
    modulePreload: { polyfill: false, resolveDependencies: pageDependencies },
    chunkSizeWarningLimit: 4096,
    // dist/.vite/manifest.json: which chunks each page needs, for the first-paint budget test.
    manifest: true,
    // harness.html is the page the headless CLIs drive; it is built beside the app but never precached.
    rollupOptions: {
      input: { app: 'index.html', harness: 'harness.html' },
      // Named after the backend they hold, so the service worker can leave them out of the first visit.
      output: {
        chunkFileNames: (chunk) => `assets/${backendChunkName(chunk.moduleIds) ?? '[name]'}-[hash].js`,
        // Lit and its helpers in one file: each file before the first paint is a round trip on a phone
        // network. (Lit is never in a worker: it touches `document`.)
        codeSplitting: {
          groups: [{ name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ }, smallModulesGroup],
        },
      },
    },
  },
  worker: { format: 'es' },
  // Scan tests and lazily imported modules up front: a dependency discovered mid-run makes Vite
  // re-optimise and reload, which kills a running test page.
  // @web/test-runner-commands talks to the test runner over a socket path that must stay absolute, so
  // it is served as is instead of pre-bundled.
  optimizeDeps: { entries: ['index.html', 'src/**/*.ts'], exclude: ['@web/test-runner-commands'] },
  server: { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  // The dev server has no CSP: its HMR client and web-test-runner's test pages run inline scripts.
  preview: {
    port: 4173,
    headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS, 'Content-Security-Policy': PREVIEW_CONTENT_SECURITY_POLICY },
  },
  plugins: [
    contentSecurityPolicyMeta(),
    contentSecurityPolicyReports(),
    tfjsWasmThreads(),
    workersInAppGraph(),
    // `npm run start:lan`: phones on the LAN need HTTPS before they allow the camera.
    ...(mode === 'lan' ? [basicSsl({ name: 'tama-lab' })] : []),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      // Relative to the manifest, which sits at the base URL: the same build installs at a site's root
      // or under a sub-path (`npm run build -- --base /tama-lab/`).
      manifest: {
        id: './',
        name: 'Tama Lab たまラボ',
        short_name: 'たまラボ',
        description:
          'ボール検出を学ぶ: 撮影・ラベル付け・学習・ライブ検出をブラウザで。 Learn object detection with your phone.',
        lang: 'ja',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0f766e',
        background_color: '#0b1716',
        categories: ['education'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // A model or dataset .zip shared from LINE, mail or Files opens the app and is imported (the
        // service worker parks the POSTed files for the receive page: src/features/share/share-inbox.ts).
        share_target: {
          action: `./${RECEIVE_ROUTE}`,
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { files: [{ name: 'files', accept: ['application/zip', 'application/x-zip-compressed', '.zip'] }] },
        },
        // Desktop: "Open with たまラボ" on a .zip (read through window.launchQueue on the receive page).
        file_handlers: [{ action: `./${RECEIVE_ROUTE}`, accept: { 'application/zip': ['.zip'] } }],
      },
      injectManifest: {
        // A first visit precaches the shell, the default model (float16 backbone + ball heads) and the two
        // WASM builds current browsers run (threaded SIMD when cross-origin isolated, else SIMD); the rest
        // is cached on first use (src/sw.ts).
        globPatterns: [
          '**/*.{js,css,html,svg,png,webmanifest}',
          `${modelFolder()}/*`,
          `${BALL_MODEL_FOLDER}/*.{json,bin}`,
          'tfjs-wasm/tfjs-backend-wasm-simd.wasm',
          'tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm',
        ],
        globIgnores: ['**/VARIANT.json', 'harness.html', 'assets/harness-*.js', 'assets/tfjs-web*.js'],
        maximumFileSizeToCacheInBytes: largestPrecachedFile,
        manifestTransforms: [reportPrecache],
      },
    }),
  ],
}));
