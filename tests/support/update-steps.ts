// Shared by the update tests: deadlines for browser calls that may never settle, and a reload counter.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { distDir, type PreviewServer, startPreviewServer } from './preview-server.ts';

/** A browser call that may never settle (an update job stuck behind another) fails instead of hanging. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function waitUntil(condition: () => Promise<boolean>, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Counts the page's own navigations (reloads) from now on. */
export function countNavigations(page: Page): () => number {
  let count = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) count++;
  });
  return () => count;
}

export interface DeploymentCopy {
  /** The folder served: a private copy of the build. */
  copy: string;
  server: PreviewServer;
  browser: Browser;
  /** Publishes the next deployment into the served folder (a changed service worker). */
  publishNext(): void;
}

/** For a test file: its own served copy of the build, so a test can publish the next deployment, and a browser. */
export function useDeploymentCopy(launch: () => Promise<Browser>): DeploymentCopy {
  const app = {
    publishNext: () => appendFileSync(join(app.copy, 'sw.js'), `\n// next deployment ${Date.now()}\n`),
  } as DeploymentCopy;
  before(async () => {
    app.copy = mkdtempSync(join(tmpdir(), 'tama-lab-dist-'));
    cpSync(distDir, app.copy, { recursive: true });
    app.server = await startPreviewServer(app.copy);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
    if (app.copy) rmSync(app.copy, { recursive: true, force: true });
  });
  return app;
}
