import basicSsl from '@vitejs/plugin-basic-ssl';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { BALL_MODEL_FOLDER, modelFolder } from './src/model/model-variants.ts';

// The model shards are ~4 MB each; Workbox's 2 MB default would silently leave them out of the precache.
const largestPrecachedFile = 32 * 1024 * 1024;

export default defineConfig(({ mode }) => ({
  base: '/',
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
    // harness.html is the page the headless CLIs drive; it is built beside the app but never precached.
    rollupOptions: { input: { app: 'index.html', harness: 'harness.html' } },
  },
  worker: { format: 'es' },
  // Scan tests and lazily imported modules up front: a dependency discovered mid-run makes Vite
  // re-optimise and reload, which kills a running test page.
  // @web/test-runner-commands talks to the test runner over a socket path that must stay absolute, so
  // it is served as is instead of pre-bundled.
  optimizeDeps: { entries: ['index.html', 'src/**/*.ts'], exclude: ['@web/test-runner-commands'] },
  preview: { port: 4173 },
  plugins: [
    // `npm run start:lan`: phones on the LAN need HTTPS before they allow the camera.
    ...(mode === 'lan' ? [basicSsl({ name: 'tama-lab' })] : []),
    VitePWA({
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
      },
      workbox: {
        // Only the default weights (the float16 backbone and the ball heads on it) are precached; the
        // other precisions are cached when first used.
        globPatterns: [
          '**/*.{js,css,html,svg,png,webmanifest,wasm}',
          `${modelFolder()}/*`,
          `${BALL_MODEL_FOLDER}/*.{json,bin}`,
          'datasets/*.zip',
          'mnist/*.gzip',
        ],
        globIgnores: ['**/VARIANT.json', 'harness.html', 'assets/harness-*.js'],
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.includes('/models/'),
            handler: 'CacheFirst',
            options: { cacheName: 'models' },
          },
        ],
        navigateFallbackDenylist: [/\/harness/],
        maximumFileSizeToCacheInBytes: largestPrecachedFile,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
}));
