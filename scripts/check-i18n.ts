// Lint step: every word a user sees goes through the translation catalogue.
// 1. Every msg() id used in src/ has a Japanese template (src/app/locales/ja.ts), and none is orphaned.
// 2. No page shows an error's raw text: an error's message is English (from our code, a parser or the
//    browser), so in the files that render (those importing lit or @lit/*) `String(error)`,
//    `error.message`, `${error}` and a skipped item's `${skip.reason}` are refused. Word errors with
//    describeError() / describeProblem() / describeSkip() (src/shared/errors.ts) and fold the detail
//    under them with errorMessage() (src/shared/ui/error-message.ts). A line that truly must show raw
//    text says why with `i18n-ok: <why>` in a comment on that line or the line above.
// One line per finding, naming file:line. Usage: tsx scripts/check-i18n.ts [srcDir]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export interface RawErrorHit {
  file: string;
  line: number;
  text: string;
  what: string;
}

/** The files that word everything themselves, and so may read an error's English text. */
const CATALOGUE_FILES = new Set(['shared/errors.ts', 'shared/problem.ts']);
const rendersText = /^\s*import\s[^;]*?from\s+['"](lit|lit\/[^'"]*|@lit\/[^'"]*)['"]/m;
// An identifier that holds an error: error, err, e, _error, cameraError, lastError…
const errorName = String.raw`(?:_?(?:e|err|ex|exception|cause|failure)|[\w$]*[eE]rror)`;
const member = String.raw`(?:[\w$]+\??\.)*`;
const rules: { pattern: RegExp; what: string }[] = [
  { pattern: new RegExp(String.raw`\bString\(\s*${member}${errorName}\s*\)`), what: 'String(error)' },
  { pattern: new RegExp(String.raw`(?:${errorName}|\bError\))\??\.message\b`), what: 'error.message' },
  { pattern: new RegExp(String.raw`\$\{\s*${errorName}\s*\}`), what: 'an error in a template' },
  { pattern: /\$\{\s*_?reason\s*\}/, what: 'a reason in a template' },
  // `data-reason=${…}` is an attribute for tests, not text: only interpolations outside an attribute count.
  { pattern: new RegExp(String.raw`(?<!=)\$\{\s*${member}[\w$]+\??\.reason\s*\}`), what: 'item.reason in a template' },
];

function sourceFiles(srcDir: string): string[] {
  return readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(sep).join('/'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('locales/'));
}

/** Every line of a rendering file that puts an error's raw text where a user reads it. */
export function findRawErrorText(srcDir: string): RawErrorHit[] {
  const hits: RawErrorHit[] = [];
  for (const file of sourceFiles(srcDir)) {
    if (CATALOGUE_FILES.has(file) || file.endsWith('.styles.ts')) continue;
    const text = readFileSync(join(srcDir, file), 'utf8');
    if (!rendersText.test(text)) continue;
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) return;
      if (line.includes('i18n-ok:') || lines[i - 1]?.includes('i18n-ok:')) return;
      const rule = rules.find(({ pattern }) => pattern.test(line));
      if (rule) hits.push({ file, line: i + 1, text: trimmed, what: rule.what });
    });
  }
  return hits;
}

/** msg() ids without a Japanese template, and templates no msg() uses. */
export function catalogueGaps(srcDir: string, templates: Record<string, unknown>) {
  const used = new Set(
    sourceFiles(srcDir).flatMap((file) =>
      [...readFileSync(join(srcDir, file), 'utf8').matchAll(/\{\s*id:\s*'([^']+)'/g)].map(
        (match) => match[1] as string,
      ),
    ),
  );
  const translated = new Set(Object.keys(templates));
  return {
    used: used.size,
    missing: [...used].filter((id) => !translated.has(id)),
    orphaned: [...translated].filter((id) => !used.has(id)),
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-i18n.ts')) {
  const srcDir = resolve(process.argv[2] ?? join(import.meta.dirname, '../src'));
  let failed = false;
  const catalogue = join(srcDir, 'app/locales/ja.ts');
  let used = 0;
  if (existsSync(catalogue)) {
    const { templates } = (await import(catalogue)) as { templates: Record<string, unknown> };
    const gaps = catalogueGaps(srcDir, templates);
    used = gaps.used;
    for (const id of gaps.missing) console.error(`i18n: no Japanese template for "${id}" (src/app/locales/ja.ts)`);
    for (const id of gaps.orphaned) console.error(`i18n: Japanese template "${id}" is not used anywhere`);
    failed = gaps.missing.length > 0 || gaps.orphaned.length > 0;
  }
  const hits = findRawErrorText(srcDir);
  for (const { file, line, what } of hits)
    console.error(
      `i18n: src/${file}:${line} shows an error's raw text (${what}); word it with describeError() or errorMessage() (src/shared/errors.ts), or say why with // i18n-ok: <why>`,
    );
  if (failed || hits.length) process.exit(1);
  console.log(`i18n: ${used} messages, all translated; no raw error text on screen`);
}
