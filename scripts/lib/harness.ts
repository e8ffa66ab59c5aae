// Opens the production build's harness page (harness.html) in headless Chromium, for the CLIs,
// benchmarks and dataset generator: the same modules the app runs, driven from Node.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type PreviewServer, startPreviewServer } from '../../tests/support/preview-server.ts';
import { launchChromium } from './chromium.ts';

const root = join(import.meta.dirname, '../..');

function newestSourceChange(): number {
  const files = ['index.html', 'harness.html', 'vite.config.ts', 'package-lock.json'].map((file) => join(root, file));
  for (const file of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }))
    files.push(join(root, 'src', file));
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

/** Builds dist/ when it is missing or older than the sources, so a CLI never runs stale code. */
export function ensureBuild(): void {
  const built = join(root, 'dist/harness.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestSourceChange()) return;
  process.stderr.write('building the app (vite build)…\n');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export interface Harness {
  page: Page;
  url: string;
  /** Makes a local file readable by the page; returns the URL to fetch it from. */
  serveFile(path: string): Promise<string>;
  close(): Promise<void>;
}

export async function openHarness(browserArgs: string[] = []): Promise<Harness> {
  ensureBuild();
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startPreviewServer();
    browser = await launchChromium({ args: browserArgs });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${server.url}/harness.html`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 }).catch(() => {
      throw new Error(`the harness page did not start: ${pageErrors.join('; ') || 'no error reported'}`);
    });
    let served = 0;
    const openServer = server;
    const openBrowser = browser;
    return {
      page,
      url: server.url,
      async serveFile(path) {
        const url = `${openServer.url}/__local/${served++}`;
        await page.route(url, (route) => route.fulfill({ path }));
        return url;
      },
      async close() {
        await openBrowser.close();
        await openServer.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.close();
    throw error;
  }
}
