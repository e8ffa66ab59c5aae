// One place that knows how to start the system Chromium with a real WebGPU adapter (SwiftShader on
// machines without a GPU). Tests, benchmarks and the headless CLIs all launch it through here.
import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type LaunchOptions,
} from 'playwright-core';
import { guardBrowser, guardContext } from '../../tests/support/csp-violations.ts';

export const chromiumFlags = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) {
    throw new Error(
      'Chromium not found: `npm test` installs it (as root), or run apt-get install -y chromium, or set CHROME_PATH.',
    );
  }
  return found;
}

/** Closing the browser fails if any page broke the Content-Security-Policy (tests/support/csp-violations.ts). */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    ...options,
    args: [...chromiumFlags, ...(options.args ?? [])],
  });
  return guardBrowser(browser);
}

/**
 * A browser with a real on-disk profile: needed where Chromium treats fresh contexts as incognito
 * (installability). Closing it fails on Content-Security-Policy violations, as for launchChromium.
 */
export async function launchPersistentChromium(
  userDataDir: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    ...options,
    args: chromiumFlags,
  });
  return guardContext(context);
}
