// `npm run check-labels` and `npm run noise-lab` as a teacher runs them. The checker gets the sample
// (two classes) with the seeded mix of mistakes put in — 10 % of the boxes dropped, 10 % moved
// by 40 %, 5 % extra, 5 % wrong class — and must rank them: average precision ≥ 0.8 per kind and
// 18 real mistakes among its first 20. The noise lab shows what dropped boxes cost.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { twoClassSample, writeCocoFolder } from '../support/injected-sample.ts';
import { runScript } from '../support/run-script.ts';

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

describe('npm run check-labels', () => {
  test('finds the mistakes put into the sample, worst first, one JSON line per suspect', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tama-check-'));
    writeCocoFolder(folder, twoClassSample());
    const { code, stdout, stderr } = runScript('check-labels.ts', [
      '--dataset',
      folder,
      '--inject',
      'missed=0.1,loose=0.1,extra=0.05,class=0.05',
      '--seed',
      '1',
      '--json',
    ]);
    assert.equal(code, 0, stderr);
    const lines = jsonLines(stdout);
    const summary = lines.at(-1);
    console.log(JSON.stringify(summary));
    const suspects = lines.slice(0, -1);
    assert.equal(summary.final, true);
    assert.equal(summary.photos, 64);
    assert.equal(summary.injected, 38, '13 dropped + 13 moved + 6 extra + 6 wrong class of 125 boxes');
    for (const suspect of suspects) {
      assert.match(suspect.image, /\.jpg$/);
      assert.ok(['missed', 'extra', 'loose', 'class'].includes(suspect.kind), suspect.kind);
      assert.equal(suspect.box.length, 4);
      assert.ok(suspect.score > 0 && suspect.score <= 1);
    }
    const scores = suspects.map((suspect) => suspect.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      'worst first',
    );
    for (const kind of ['missed', 'extra', 'loose', 'class'])
      assert.ok(summary.ap[kind] >= 0.8, `AP of ${kind}: ${summary.ap[kind]} (${summary.found[kind]} found)`);
    assert.ok(summary.precisionAt20 >= 0.9, `precision@20 ${summary.precisionAt20}`);
  });

  test('a missing dataset or a bad --inject is refused in one line', () => {
    const missing = runScript('check-labels.ts', ['--dataset', '/nonexistent/folder']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^check-labels: --dataset \/nonexistent\/folder: no such file or folder$/);
    const bad = runScript('check-labels.ts', ['--dataset', 'datasets/sample', '--inject', 'missed=2']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--inject takes kind=rate pairs/);
  });
});

describe('npm run noise-lab', () => {
  test('dropped boxes: one line per rate, scored on the clean validation photos, fewer balls found', () => {
    const { code, stdout, stderr } = runScript('noise-lab.ts', ['--kind', 'missed', '--rates', '0,0.4', '--json']);
    assert.equal(code, 0, stderr);
    const [clean, noisy] = jsonLines(stdout);
    assert.deepEqual([clean.kind, clean.rate, noisy.rate], ['missed', 0, 0.4]);
    assert.equal(noisy.changed, 36, '40 % of the 90 training boxes');
    assert.equal(clean.valPhotos, 16);
    assert.ok(clean.mAP50 > 0.9, `clean mAP ${clean.mAP50}`);
    assert.ok(noisy.recall < clean.recall - 0.15, `recall ${clean.recall} → ${noisy.recall}`);
  });

  test('an unknown kind is refused', () => {
    const { code, stderr } = runScript('noise-lab.ts', ['--kind', 'sloppy']);
    assert.equal(code, 2);
    assert.match(stderr, /--kind must be missed, extra, loose, class/);
  });
});
