// One built app served and one Chromium per test file, started before and closed after its tests.
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { type PreviewServer, startPreviewServer } from './preview-server.ts';

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
