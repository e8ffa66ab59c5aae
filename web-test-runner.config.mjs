// Unit and component tests (src/**/*.test.ts) in the system Chromium with WebGPU on SwiftShader.
// Every module request goes through the app's own Vite pipeline (in middleware mode), so tests
// resolve and transform modules exactly as the app does; only the runner's own files bypass it.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { createServer } from 'vite';
import { chromiumFlags, chromiumPath } from './scripts/lib/chromium.ts';

const vite = await createServer({
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
  clearScreen: false,
  logLevel: 'warn',
  plugins: [
    {
      // @web/test-runner-commands imports the runner's own socket module, which Vite cannot see.
      name: 'web-test-runner-socket',
      resolveId: (id) => (id === '/__web-dev-server__web-socket.js' ? { id, external: true } : undefined),
    },
  ],
});

const isRunnerRequest = (ctx) =>
  ctx.path === '/' || ctx.path.startsWith('/__web-dev-server') || ctx.path.startsWith('/__web-test-runner');

export default {
  files: ['src/**/*.test.ts'],
  // TF.js on SwiftShader is CPU-heavy: one browser page at a time on a 2-core machine.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 15 * 60_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 180_000 } },
  middleware: [
    (ctx, next) => {
      if (isRunnerRequest(ctx)) return next();
      return new Promise((resolve, reject) => {
        ctx.respond = false;
        vite.middlewares(ctx.req, ctx.res, (error) => {
          ctx.respond = true;
          if (error) reject(error);
          else resolve(next());
        });
      });
    },
  ],
  plugins: [{ name: 'close-vite', serverStop: () => vite.close() }],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumFlags },
    }),
  ],
};
