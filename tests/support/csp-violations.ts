// Every page the tests, benchmarks and CLIs open runs under the app's Content-Security-Policy, and any
// violation fails the run: scripts/lib/chromium.ts watches each browser it launches through here, and
// the browser's close() throws if anything was refused. Three witnesses, because none sees everything:
// - `securitypolicyviolation` events in each page (an init script);
// - Chromium's console lines about the policy ("Refused to … Content Security Policy …") in each page;
// - the reports `vite preview` receives (report-uri, see scripts/vite/content-security-policy.ts),
//   which also come from workers, WASM threads and the service worker: tests/support/preview-server.ts.
import type { Browser, BrowserContext } from 'playwright-core';

const recorded: string[] = [];
const BINDING = '__tamaCspViolation';

/** Records a violation; it fails the next browser close (or preview-server close) unless taken first. */
export function recordCspViolation(description: string): void {
  recorded.push(description);
}

/** The violations recorded so far, which are then forgotten: for tests that provoke some on purpose. */
export function takeCspViolations(): string[] {
  return recorded.splice(0);
}

export function assertNoCspViolations(where: string): void {
  const violations = takeCspViolations();
  if (violations.length === 0) return;
  throw new Error(
    `Content-Security-Policy violated (${where}), ${violations.length}×:\n  ${[...new Set(violations)].join('\n  ')}`,
  );
}

/** Listens in every page of the context, including pages already open. */
async function watchContext(context: BrowserContext): Promise<void> {
  await context.exposeBinding(BINDING, ({ page }, description: string) =>
    recordCspViolation(`${description} in ${page?.url() ?? '?'}`),
  );
  await context.addInitScript((binding) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (text: string) => void>)[binding];
      const source = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}${source}`);
    });
  }, BINDING);
  context.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text()))
      recordCspViolation(`console: ${message.text()} in ${message.page()?.url() ?? '?'}`);
  });
}

/** Makes `close()` of a context fail on violations recorded while it was open. */
export async function guardContext(context: BrowserContext): Promise<BrowserContext> {
  await watchContext(context);
  const close = context.close.bind(context);
  context.close = async (options) => {
    await close(options);
    assertNoCspViolations('browser context');
  };
  return context;
}

/**
 * Guards every context the browser makes (so the test that closes its context fails there), and makes
 * the browser's own `close()` fail on violations too (pages opened with `browser.newPage()`, reports
 * that arrived late).
 */
export function guardBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => guardContext(await newContext(options));
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await close(options);
    assertNoCspViolations('browser');
  };
  return browser;
}
