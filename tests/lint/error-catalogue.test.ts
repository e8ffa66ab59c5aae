// The error catalogue in Japanese, with the app's real templates: every Problem code and the errors the
// browser throws come out as Japanese sentences, with no English detail in them. (src/shared cannot
// import the app's locale files, so this runs @lit/localize's runtime here, as src/app/i18n.ts does.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

// @lit/localize announces locale changes on `window`; Node has none.
(globalThis as { window?: EventTarget }).window ??= new EventTarget();
const { configureLocalization } = await import('@lit/localize');
const { templates } = await import('../../src/app/locales/ja.ts');
const { describeError, describeProblem } = await import('../../src/shared/errors.ts');
const { PROBLEM_CODES, ProblemError, problem } = await import('../../src/shared/problem.ts');
const { StorageFullError } = await import('../../src/shared/storage-full.ts');

const { setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['ja'],
  loadLocale: async () => ({ templates }),
});

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
const params = {
  ...{ limit: '32 MB', max: 5000, declared: '99×32', actual: '32×32', size: '32×32', file: 'annotations.json' },
  ...{ where: 'images[0]', version: 9, supported: 1, base: 'f64', label: 'ball', status: 404 },
  ...{ wanted: 'WEBGPU', active: 'WASM', lost: 'WEBGL' },
};

/** The same calls in English (the source locale) and in Japanese. */
async function inBoth<T>(run: () => T): Promise<{ en: T; ja: T }> {
  await setLocale('en');
  const en = run();
  await setLocale('ja');
  return { en, ja: run() };
}

test('every Problem code has a Japanese sentence of its own, parameters filled in', async () => {
  const { en, ja } = await inBoth(() => PROBLEM_CODES.map((code) => describeProblem({ code, params })));
  PROBLEM_CODES.forEach((code, i) => {
    const sentence = ja[i] as string;
    assert.match(sentence, japanese, `${code}: ${sentence}`);
    assert.notEqual(sentence, en[i], `${code} is not translated`);
    assert.doesNotMatch(sentence, /\?|undefined/, `${code}: ${sentence}`);
  });
  assert.equal(new Set(ja).size, PROBLEM_CODES.length);
  assert.equal(
    ja[PROBLEM_CODES.indexOf('network.http')],
    'サーバーからファイルを受け取れませんでした (HTTP 404)。しばらくしてから、もう一度試してください。',
  );
});

test('errors reach a Japanese screen in Japanese, their English detail left out', async () => {
  const cases: [Parameters<typeof describeError>, RegExp][] = [
    [['model', new TypeError('Failed to fetch')], /^モデルエラー: ネットワークにつながっていません。/],
    [
      ['dataset', new ProblemError(problem('image.unreadable', 'corrupt or unsupported image'))],
      /^データセットエラー: 画像が壊れているか/,
    ],
    [
      ['model', new ProblemError(problem('model.filesMissing', 'the .zip needs model.json and weights.bin'))],
      /^モデルエラー: モデルの \.zip ではありません。/,
    ],
    [
      [
        'dataset',
        new ProblemError(
          problem('coco.malformed', 'annotations.json: malformed JSON (Unexpected end of JSON input)', {
            file: 'annotations.json',
          }),
        ),
      ],
      /^データセットエラー: ラベルのファイル annotations\.json が壊れています/,
    ],
    [['dataset', new StorageFullError('QuotaExceededError')], /^データセットエラー: 端末の保存容量がいっぱいです。/],
    [['model', new Error('detector was disposed')], /^モデルエラー: 予期しない問題が起きました。/],
    [['backend', 'no TF.js backend works here'], /^バックエンドエラー: 予期しない問題が起きました。/],
  ];
  await setLocale('ja');
  for (const [[stage, error], expected] of cases) {
    const text = describeError(stage, error);
    assert.match(text, expected);
    const detail = error instanceof Error ? error.message : String(error);
    assert.ok(!text.includes(detail), `"${text}" shows the detail "${detail}"`);
  }
});
