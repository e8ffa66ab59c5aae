// npm run test:flaky -- --file tests/e2e/X.test.ts --runs 10 [--burn 2] [--name PATTERN]
// Runs one test file N times in a row and counts passes, so a suspected flake is settled with numbers.
// --burn N keeps N processes spinning on the CPU beside it, as a loaded CI machine would.
// Each failing run's output is kept in a log file whose path is printed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startCpuLoad } from '../tests/support/cpu-load.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    runs: { type: 'string', default: '10' },
    burn: { type: 'string', default: '0' },
    name: { type: 'string' },
  },
});
const runs = Number(values.runs);
const burners = Number(values.burn);
if (!values.file || !existsSync(resolve(values.file)) || !(runs >= 1) || !(burners >= 0)) {
  console.error('usage: npm run test:flaky -- --file tests/e2e/NAME.test.ts [--runs 10] [--burn 0] [--name PATTERN]');
  process.exit(2);
}
if (values.file.includes('/e2e/') && !existsSync(join(root, 'dist/index.html'))) {
  console.error('test:flaky: the e2e tests run against the build; run `npm run build` first');
  process.exit(2);
}

function runOnce(): Promise<{ passed: boolean; seconds: number; output: string }> {
  const started = Date.now();
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1'];
  if (values.name) args.push(`--test-name-pattern=${values.name}`);
  const child = spawn(process.execPath, [...args, resolve(values.file as string)], { cwd: root });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  return new Promise((done) =>
    child.on('close', (code) => done({ passed: code === 0, seconds: (Date.now() - started) / 1000, output })),
  );
}

const logs = mkdtempSync(join(tmpdir(), 'tama-lab-flaky-'));
const stopLoad = startCpuLoad(burners);
let passes = 0;
try {
  for (let run = 1; run <= runs; run++) {
    const { passed, seconds, output } = await runOnce();
    if (passed) passes++;
    let where = '';
    if (!passed) {
      where = join(logs, `run-${run}.log`);
      writeFileSync(where, output);
    }
    const verdict = passed ? 'pass' : `FAIL (${where})`;
    console.log(`run ${run}/${runs}: ${verdict} in ${seconds.toFixed(0)} s`);
  }
} finally {
  stopLoad();
}
const burnNote = burners ? ` with ${burners} CPU burner${burners > 1 ? 's' : ''}` : '';
console.log(`${values.file}: ${passes} of ${runs} runs passed${burnNote}`);
process.exit(passes === runs ? 0 : 1);
