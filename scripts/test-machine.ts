// `npm test`'s pretest: the tests need Chromium and a font with Japanese glyphs. Without the font,
// every Japanese character renders as a narrow fallback box and layout tests measure nonsense. Where
// either is missing, install it with Debian's apt if we may (root), else stop with the one command.
import { spawnSync } from 'node:child_process';
import { findChromium } from './lib/chromium.ts';
import { hasCommand, japaneseFont } from './lib/fonts.ts';

/** apt's chatter (debconf notes) only matters when it fails. */
function aptGet(args: string[]): void {
  const run = spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (run.status === 0) return;
  console.error(run.stderr.trim());
  console.error(`test: apt-get ${args.join(' ')} failed (exit ${run.status})`);
  process.exit(1);
}

function main(): void {
  const missing = [...(findChromium() ? [] : ['chromium']), ...(japaneseFont() ? [] : ['fonts-noto-cjk'])];
  if (missing.length === 0) return;

  const isRoot = process.getuid?.() === 0;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot || !hasCommand('apt-get')) {
    const what = missing.includes('chromium') ? 'Chromium' : 'a Japanese font';
    const both = missing.length === 2 ? 'Chromium and a Japanese font' : what;
    console.error(`test: ${both} missing; run first:  sudo apt-get update && sudo ${command}`);
    console.error('      (or set CHROME_PATH to another Chrome/Chromium; any font covering Japanese will do)');
    process.exit(1);
  }
  console.log(`test: installing ${missing.join(' and ')} from Debian (needed by the browser tests) …`);
  const started = Date.now();
  aptGet(['update', '-qq']);
  aptGet(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  if (!findChromium() || !japaneseFont()) {
    console.error(
      `test: ${command} ran, but ${findChromium() ? 'no Japanese font' : 'no Chromium'} was found after it`,
    );
    process.exit(1);
  }
  console.log(`test: installed ${missing.join(' and ')} in ${Math.round((Date.now() - started) / 1000)} s`);
}

main();
