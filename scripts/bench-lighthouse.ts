// npm run bench:lighthouse [-- --pages detect,label,train --runs 3 --no-warm --json]
// Lighthouse (mobile: simulated slow 4G, 4× slower CPU) on the production build, served as a static
// host serves it (gzip, no special headers). Per page: a cold visit (the median of --runs) and a warm
// one (service worker installed, the median of --runs). Prints numbers; asserts nothing.
// Warm visits are throttled for real ("devtools" throttling, same 4G and 4× CPU): Lighthouse's simulation
// cannot time responses that come from a service worker (it reports "No timing information available").
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { startCountingServer } from '../tests/support/counting-server.ts';
import { distDir } from '../tests/support/preview-server.ts';
import { chromiumPath } from './lib/chromium.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: 'detect,label,train' },
    runs: { type: 'string', default: '3' },
    'no-warm': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
if (!existsSync(`${distDir}/index.html`)) throw new Error('No build in dist/: run `npm run build` first.');
const runs = Math.max(1, Number(values.runs));
type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

const server = await startCountingServer(distDir);
// Every visit gets a fresh profile: a cold visit must not find a service worker from the one before.
async function visit(url: string, warm: boolean): Promise<Result> {
  const chrome = await launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
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
    performanceRuns: lhrs.map((lhr) => score(lhr, 'performance')).join('/'),
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
