// What `npm run lint` enforces about words on screen (scripts/check-i18n.ts), shown failing on a
// deliberately bad tree: a msg() id without a Japanese template, an orphaned template, and the ways a
// page can put an error's raw English text in front of a user.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { runScript } from '../support/run-script.ts';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const page = `import { msg } from '@lit/localize';
import { html } from 'lit';
export const a = (error: unknown) => html\`<p>\${String(error)}</p>\`;
export const b = (error: Error) => html\`<p>\${error.message}</p>\`;
export const c = (error: unknown) => html\`<p>\${error}</p>\`;
export const d = (s: { reason: string }) => html\`<li>\${s.reason}</li>\`;
export function e(this: { _error: string }, cameraError: Error) {
  this._error = cameraError.message;
}
export const f = (error: unknown) => html\`<p>\${(error as Error).message}</p>\`;
// Not an error's text: numbers, an attribute for tests, a toast's (already worded) message, a comment on error.message.
export const ok1 = (epochs: number) => html\`<input .value=\${String(epochs)} />\`;
export const ok2 = (r: { reason: string }) => html\`<li data-reason=\${r.reason}></li>\`;
export const ok3 = (toast: { message: string }) => html\`<span>\${toast.message}</span>\`;
// i18n-ok: the detail, folded under the worded sentence
export const ok4 = (s: { reason: string }) => html\`<details><code>\${s.reason}</code></details>\`;
export const words = () => msg('Hello', { id: 'page.hello' }) + msg('Missing', { id: 'page.missing' });
`;

test('an id without Japanese, an orphaned template and raw error text each fail lint, naming file:line', () => {
  const dir = tree({
    'app/locales/ja.ts': "export const templates = { 'page.hello': 'こんにちは', 'page.gone': '消えた' };\n",
    'features/demo/demo-page.ts': page,
    // The cores have no Lit: their English messages are details, not text on screen.
    'model/core.ts': 'export const detail = (error: Error) => "failed: " + error.message + String(error);\n',
    // The catalogue itself reads errors' text to fold it under the words.
    'shared/errors.ts': "import { msg } from '@lit/localize';\nexport const d = (error: Error) => error.message;\n",
  });
  try {
    const { code, stderr } = runScript('check-i18n.ts', [dir]);
    assert.equal(code, 1);
    const advice =
      'word it with describeError() or errorMessage() (src/shared/errors.ts), or say why with // i18n-ok: <why>';
    assert.deepEqual(stderr.split('\n'), [
      'i18n: no Japanese template for "page.missing" (src/app/locales/ja.ts)',
      'i18n: Japanese template "page.gone" is not used anywhere',
      `i18n: src/features/demo/demo-page.ts:3 shows an error's raw text (String(error)); ${advice}`,
      `i18n: src/features/demo/demo-page.ts:4 shows an error's raw text (error.message); ${advice}`,
      `i18n: src/features/demo/demo-page.ts:5 shows an error's raw text (an error in a template); ${advice}`,
      `i18n: src/features/demo/demo-page.ts:6 shows an error's raw text (item.reason in a template); ${advice}`,
      `i18n: src/features/demo/demo-page.ts:8 shows an error's raw text (error.message); ${advice}`,
      `i18n: src/features/demo/demo-page.ts:10 shows an error's raw text (error.message); ${advice}`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a clean tree passes', () => {
  const dir = tree({
    'app/locales/ja.ts': "export const templates = { 'page.hello': 'こんにちは' };\n",
    'features/demo/demo-page.ts':
      "import { msg } from '@lit/localize';\nimport { describeError } from '../../shared/errors.ts';\nexport const w = (error: unknown) => msg('Hello', { id: 'page.hello' }) + describeError('model', error);\n",
  });
  try {
    const { code, stdout, stderr } = runScript('check-i18n.ts', [dir]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /1 messages, all translated; no raw error text on screen/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the app's own src/ shows no untranslated words and no raw error text", () => {
  const { code, stderr } = runScript('check-i18n.ts', []);
  assert.equal(code, 0, stderr);
});
