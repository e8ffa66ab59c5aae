// Writes tests/fixtures/idb-v1.json: every IndexedDB database the app uses (dataset, trained models,
// MNIST) and its settings, filled by today's store code in headless Chromium and snapshotted (schema
// and records; photos as base64 Blobs). src/app/storage-upgrade.test.ts rebuilds these databases from
// the fixture and opens them with the current stores, so a schema change must keep reading them.
// Run it again only to record a new baseline (a new schema version worth keeping a fixture of):
//   npx tsx scripts/make-idb-fixture.ts [out.json]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';
import { launchChromium } from './lib/chromium.ts';

const root = join(import.meta.dirname, '..');
const out = process.argv[2] ?? join(root, 'tests/fixtures/idb-v1.json');

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const vite = await createServer({
  root,
  server: { port: 0, host: 'localhost', hmr: false },
  logLevel: 'warn',
  clearScreen: false,
});
await vite.listen();
const browser = await launchChromium();
try {
  const url = vite.resolvedUrls?.local[0] ?? '';
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(error));
  // A blank page of the dev server's origin: the app itself would open (and so create) its databases.
  await page.route('**/fixture-writer', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>fixture writer</title>' }),
  );
  await page.goto(`${url}fixture-writer`);
  const snapshot = await page.evaluate(async (writtenBy) => {
    // Served by Vite from this repository; a variable, so neither tsc nor Vite tries to resolve it here.
    const writerUrl = '/scripts/lib/idb-fixture-writer.ts';
    const writer: typeof import('./lib/idb-fixture-writer.ts') = await import(writerUrl);
    return writer.writeTodaysData(writtenBy);
  }, `scripts/make-idb-fixture.ts at ${commit}`);
  const json = `${JSON.stringify(snapshot, null, 1)}\n`;
  writeFileSync(out, json);
  // In the repository's own JSON style, so `npm run lint` accepts the file as written.
  execFileSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', out], { stdio: 'ignore' });
  const summary = snapshot.databases.map(
    (db) => `${db.name} v${db.version}: ${db.stores.map((s) => `${s.name} ${s.records.length}`).join(', ')}`,
  );
  console.log(`${out}: ${(json.length / 1024).toFixed(0)} kB\n  ${summary.join('\n  ')}`);
} finally {
  await browser.close();
  await vite.close();
}
