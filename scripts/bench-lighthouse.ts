// npm run bench:lighthouse [-- --pages detect,label,train --runs 3 --no-warm --http2 --json]
// Lighthouse (mobile: simulated slow 4G, 4× slower CPU) on the production build, served as a static
// host serves it (gzip, no special headers). Per page: a cold visit (the median of --runs) and a warm
// one (service worker installed, the median of --runs). Prints numbers; asserts nothing.
// Warm visits are throttled for real ("devtools" throttling, same 4G and 4× CPU): Lighthouse's simulation
// cannot time responses that come from a service worker (it reports "No timing information available").
// --http2 serves the same files over HTTP/2 with TLS (a self-signed certificate the browser is told to
// accept), as GitHub Pages, Netlify or Cloudflare do; the default is HTTP/1.1, the slower case.
import { existsSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getCertificate } from '@vitejs/plugin-basic-ssl';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { startCountingServer, staticHostHandler } from '../tests/support/counting-server.ts';
import { distDir } from '../tests/support/preview-server.ts';
import { chromiumPath } from './lib/chromium.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: 'detect,label,train' },
    runs: { type: 'string', default: '3' },
    'no-warm': { type: 'boolean', default: false },
    http2: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
if (!existsSync(`${distDir}/index.html`)) throw new Error('No build in dist/: run `npm run build` first.');
const runs = Math.max(1, Number(values.runs));
type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

async function startHttp2Host(root: string) {
  const pem = await getCertificate(join(tmpdir(), 'tama-lab-bench-certificate'), 'localhost', ['localhost']);
  const host = createSecureServer({ key: pem, cert: pem, allowHTTP1: true }, staticHostHandler(root, []));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const { port } = host.address() as AddressInfo;
  return { url: `https://localhost:${port}`, close: () => new Promise<void>((resolve) => host.close(() => resolve())) };
}

const server = values.http2 ? await startHttp2Host(distDir) : await startCountingServer(distDir);
// Every visit gets a fresh profile: a cold visit must not find a service worker from the one before.
async function visit(url: string, warm: boolean): Promise<Result> {
  const chrome = await launch({
    chromePath: chromiumPath(),
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      ...(values.http2 ? ['--ignore-certificate-errors'] : []),
    ],
  });
  try {
    const options = { port: chrome.port, logLevel: 'error' as const, output: 'json' as const };
    if (warm) {
      // The first visit installs the service worker; the measured one then starts from its cache.
      await lighthouse(url, { ...options, disableStorageReset: true, onlyCategories: ['performance'] });
    }
    const result = await lighthouse(url, {
      ...options,
      disableStorageReset: warm,
      ...(warm ? { throttlingMethod: 'devtools' as const } : {}),
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

const score = (lhr: Result, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const ms = (lhr: Result, audit: string) => Math.round(lhr.audits[audit]?.numericValue ?? Number.NaN);

function row(page: string, visitKind: string, lhrs: Result[]) {
  const median = computeMedianRun(lhrs) as Result;
  return {
    page,
    visit: visitKind,
    performance: score(median, 'performance'),
    FCP: ms(median, 'first-contentful-paint'),
    LCP: ms(median, 'largest-contentful-paint'),
    TBT: ms(median, 'total-blocking-time'),
    CLS: Math.round((median.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
    a11y: score(median, 'accessibility'),
    bestPractices: score(median, 'best-practices'),
    SEO: score(median, 'seo'),
    // Lighthouse's median run is the one nearest the median FCP and TTI; every run shows the spread.
    performanceRuns: lhrs.map((lhr) => score(lhr, 'performance')).join('/'),
    LCPRuns: lhrs.map((lhr) => ms(lhr, 'largest-contentful-paint')).join('/'),
    TBTRuns: lhrs.map((lhr) => ms(lhr, 'total-blocking-time')).join('/'),
    failed: Object.values(median.audits)
      .filter((audit) => audit.score === 0 && audit.scoreDisplayMode === 'binary')
      .map((audit) => audit.id)
      .join(' '),
  };
}

const rows = [];
try {
  for (const page of values.pages.split(',')) {
    const url = `${server.url}/${page}`;
    for (const warm of values['no-warm'] ? [false] : [false, true]) {
      const lhrs: Result[] = [];
      for (let run = 0; run < runs; run += 1) lhrs.push(await visit(url, warm));
      const line = row(page, warm ? 'warm' : 'cold', lhrs);
      rows.push(line);
      console.log(JSON.stringify(line));
    }
  }
} finally {
  await server.close();
}
if (!values.json) console.table(rows);
