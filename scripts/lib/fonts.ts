// Which font the machine has for Japanese. Layout tests need one; without it every Japanese
// character renders as a narrow fallback box.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CJK_FONT_FILE = /(cjk|[-_ ]jp\b|japanese|ipag|ipam|ipaex|takao|vl-?gothic|droidsansfallback|wqy|sarasa)/i;
const FONT_DIRS = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  join(homedir(), '.fonts'),
  join(homedir(), '.local/share/fonts'),
];

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function fontFiles(dir: string, depth = 0): string[] {
  if (depth > 6 || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? fontFiles(join(dir, entry.name), depth + 1) : [entry.name],
  );
}

/** A family that covers Japanese, or undefined. fontconfig knows best; without fc-list, the file names tell. */
export function japaneseFont(): string | undefined {
  if (hasCommand('fc-list')) {
    const families = execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' }).trim();
    return families ? families.split('\n')[0] : undefined;
  }
  return FONT_DIRS.flatMap((dir) => fontFiles(dir)).find((file) => CJK_FONT_FILE.test(file));
}
