// npm run bench:fuzz -- [--cases 2000] [--seed 1] [--formats coco,yolo,model,idx] [--json]
// The import fuzzer at scale, in headless Chromium with the production build and real IndexedDB: per
// format, `cases` seeded mutations of a valid file fed to the app's import paths. Prints per format the
// accepted count, the refusals by Problem code, the crashes (uncaught errors, unworded refusals, writes
// on refusal; the first ones named) and the time. Exit code 1 when anything crashed.
import { parseArgs } from 'node:util';
import { FUZZ_FORMATS, type FuzzFormat, type FuzzReport } from '../src/harness/import-fuzz.ts';
import { runCli, UsageError } from './lib/detector-session.ts';
import { ensureBuild, openHarness } from './lib/harness.ts';

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  return number;
}

function table(report: FuzzReport): string {
  const rejected = Object.values(report.rejected).reduce((a, b) => a + b, 0);
  const reasons = Object.entries(report.rejected)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `    ${code.padEnd(28)} ${count}`)
    .join('\n');
  const perCase = report.cases ? (report.ms / report.cases).toFixed(1) : '0';
  return [
    `${report.format}: ${report.cases} cases in ${(report.ms / 1000).toFixed(1)} s (${perCase} ms/case)`,
    `  accepted ${report.accepted}, rejected ${rejected}, crashed ${report.crashed}`,
    reasons,
    ...report.crashes.map((crash) => `  CRASH ${crash}`),
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      formats: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const cases = wholeNumber('cases', values.cases, 2000);
  const seed = wholeNumber('seed', values.seed, 1);
  const formats = (values.formats ?? FUZZ_FORMATS.join(',')).split(',') as FuzzFormat[];
  const unknown = formats.find((format) => !FUZZ_FORMATS.includes(format));
  if (unknown) throw new UsageError(`--formats takes ${FUZZ_FORMATS.join(', ')}, not "${unknown}"`);
  ensureBuild();
  const harness = await openHarness();
  let crashed = 0;
  try {
    for (const format of formats) {
      const report = await harness.page.evaluate(([f, n, s]) => window.tama.fuzzImports(f, n, s), [
        format,
        cases,
        seed,
      ] as const);
      crashed += report.crashed;
      console.log(values.json ? JSON.stringify({ seed, ...report }) : table(report));
    }
  } finally {
    await harness.close();
  }
  return crashed ? 1 : 0;
}

runCli('bench:fuzz', main);
