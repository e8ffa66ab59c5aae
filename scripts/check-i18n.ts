// Lint step: every msg() id used in src/ has a Japanese template, and no Japanese template is orphaned.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const srcDir = join(import.meta.dirname, '../src');
const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('locales'))
  .map((file) => readFileSync(join(srcDir, file), 'utf8'));
const used = new Set(
  sources.flatMap((text) => [...text.matchAll(/\{\s*id:\s*'([^']+)'/g)].map((match) => match[1] as string)),
);
const { templates } = await import('../src/app/locales/ja.ts');
const translated = new Set(Object.keys(templates));

const missing = [...used].filter((id) => !translated.has(id));
const orphaned = [...translated].filter((id) => !used.has(id));
for (const id of missing) console.error(`i18n: no Japanese template for "${id}" (src/app/locales/ja.ts)`);
for (const id of orphaned) console.error(`i18n: Japanese template "${id}" is not used anywhere`);
if (missing.length || orphaned.length) process.exit(1);
console.log(`i18n: ${used.size} messages, all translated`);
