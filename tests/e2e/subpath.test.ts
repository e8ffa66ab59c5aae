// End-to-end: the build made for a sub-path (`npm run build -- --base /tama-lab/`, as GitHub Pages
// serves a project) is installable, works offline and runs live detection with the default model,
// with every link, model, WASM and data URL under /tama-lab/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchPersistentChromium } from '../../scripts/lib/chromium.ts';
import { type PreviewServer, startPreviewServer } from '../support/preview-server.ts';

const root = join(import.meta.dirname, '../..');
const base = '/tama-lab/';
const outDir = mkdtempSync(join(tmpdir(), 'tama-lab-subpath-'));
let server: PreviewServer;

before(async () => {
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--base', base, '--outDir', outDir, '--emptyOutDir'],
    { cwd: root, encoding: 'utf8', timeout: 600_000 },
  );
  assert.equal(build.status, 0, build.stderr);
  server = await startPreviewServer(outDir, base);
});

after(async () => {
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

test('under /tama-lab/: installable, live detection with the default model, offline reload', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'tama-lab-profile-'));
  const context = await launchPersistentChromium(profile, { locale: 'en-US' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const outside: string[] = [];
    page.on('request', (request) => {
      // blob: URLs (WASM's thread workers) are in memory; they never reach the server.
      if (request.url().startsWith('blob:')) return;
      const { pathname } = new URL(request.url());
      if (new URL(request.url()).origin === server.url && !pathname.startsWith(base)) outside.push(pathname);
    });
    await page.goto(`${server.url}${base}detect`);
    await page.locator('h1', { hasText: 'Live detection' }).waitFor();
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('select[data-model-select]').inputValue(), 'ball');
    assert.equal(await page.locator('nav a[data-route="label"]').getAttribute('href'), `${base}label`);

    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.getByRole('status').getByText('Ready to work offline').waitFor({ timeout: 60_000 });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
    assert.equal(scope, `${server.url}${base}`);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);

    // In-app navigation keeps the sub-path; a deep link opens offline from the precache.
    await page.locator('nav a[data-route="about"]').click();
    await page.locator('h1', { hasText: 'About Tama Lab' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `${base}about`);
    await context.setOffline(true);
    await page.goto(`${server.url}${base}detect`);
    await page.locator('[data-model-state="ready"]').waitFor({ timeout: 120_000 });
    await page.goto(`${server.url}${base}mnist`);
    await page.locator('h1', { hasText: 'MNIST' }).waitFor();
    assert.deepEqual(outside, [], `requests outside ${base}: ${outside.join(', ')}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
