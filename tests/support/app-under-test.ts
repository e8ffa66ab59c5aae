// One built app served and one Chromium per test file, started before and closed after its tests.
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { type CountingServer, startCountingServer } from './counting-server.ts';
import { distDir, type PreviewServer, startPreviewServer } from './preview-server.ts';

export interface AppUnderTest {
  server: PreviewServer;
  browser: Browser;
}

/** Registers the file's before/after hooks; the returned object is filled in once `before` ran. */
export function useAppUnderTest(): AppUnderTest {
  const app = {} as AppUnderTest;
  before(async () => {
    app.server = await startPreviewServer();
    app.browser = await launchChromium();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

export interface AppHosts {
  /** `vite preview`, which sends the app's headers (isolation, CSP). */
  preview: PreviewServer;
  /** The same build on a static host that sends no headers at all, like GitHub Pages. */
  staticHost: CountingServer;
}

/** The built app on both kinds of host for the file's tests (the tests launch their own browsers). */
export function useAppHosts(): AppHosts {
  const hosts = {} as AppHosts;
  before(async () => {
    hosts.preview = await startPreviewServer();
    hosts.staticHost = await startCountingServer(distDir);
  });
  after(async () => {
    await hosts.preview?.close();
    await hosts.staticHost?.close();
  });
  return hosts;
}
