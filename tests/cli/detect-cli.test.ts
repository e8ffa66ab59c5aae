// The headless detect and eval CLIs, run as a user runs them: good images, bad files, bad JSON.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runScript } from '../support/run-script.ts';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'datasets/sample/images/s1-00001.jpg');

const run = runScript;

describe('npm run detect', () => {
  test('prints one JSON line per good image and a one-line error per bad file, exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tama-detect-'));
    const notAnImage = join(dir, 'notes.jpg');
    writeFileSync(notAnImage, 'just text');
    const truncated = join(dir, 'truncated.jpg');
    writeFileSync(truncated, readFileSync(fixture).subarray(0, 2000));
    const missing = join(dir, 'missing.jpg');
    const { code, stdout, stderr } = run('detect.ts', [
      fixture,
      missing,
      notAnImage,
      truncated,
      '--backend',
      'wasm',
      '--json',
      '--threshold',
      '0.3',
    ]);
    assert.equal(code, 2);
    const lines = stdout.split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.length, 1);
    const [result] = lines;
    assert.equal(result.file, fixture);
    assert.deepEqual([result.width, result.height, result.backend], [640, 480, 'wasm']);
    assert.ok(result.detections.length >= 2, 'finds both balls');
    for (const detection of result.detections) {
      assert.equal(detection.label, 'sports ball');
      assert.equal(detection.box.length, 4);
      assert.ok(detection.score >= 0.3);
    }
    const errors = stderr.split('\n').filter((line) => line.startsWith('detect: '));
    assert.deepEqual(
      errors.map((line) => line.split(': ')[1]),
      [missing, notAnImage, truncated],
    );
    assert.match(errors[0] as string, /no such file/);
    assert.match(errors[1] as string, /not a readable image/);
  });

  test('rejects bad options before starting a browser', () => {
    const { code, stderr } = run('detect.ts', [fixture, '--backend', 'tpu']);
    assert.equal(code, 2);
    assert.match(stderr, /--backend must be/);
  });
});

describe('npm run eval', () => {
  test('reports mAP, precision and recall on a COCO dataset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tama-eval-'));
    const dataset = {
      // file_name is relative to the JSON file.
      images: [{ id: 1, file_name: 'ball.jpg', width: 640, height: 480 }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [335, 42, 154, 150] },
        { id: 2, image_id: 1, category_id: 1, bbox: [77, 293, 161, 166] },
      ],
      categories: [{ id: 1, name: 'ball' }],
    };
    writeFileSync(join(dir, 'one.json'), JSON.stringify(dataset));
    writeFileSync(join(dir, 'ball.jpg'), readFileSync(fixture));
    const { code, stdout } = run('eval.ts', ['--dataset', join(dir, 'one.json'), '--backend', 'wasm', '--json']);
    assert.equal(code, 0);
    const summary = JSON.parse(stdout);
    assert.equal(summary.images, 1);
    assert.equal(summary.backend, 'wasm');
    assert.equal(summary.mAP50, 1);
    assert.equal(summary.recall, 1);
    assert.equal(summary.precision, 1);
  });

  test('malformed or mismatched JSON is a one-line error naming the file, exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tama-eval-'));
    writeFileSync(join(dir, 'broken.json'), '{"images": [');
    writeFileSync(
      join(dir, 'outside.json'),
      JSON.stringify({
        images: [{ id: 1, file_name: 'a.jpg', width: 10, height: 10 }],
        annotations: [{ image_id: 1, category_id: 1, bbox: [5, 5, 20, 20] }],
        categories: [{ id: 1, name: 'ball' }],
      }),
    );
    for (const [file, problem] of [
      ['broken.json', /malformed JSON/],
      ['outside.json', /outside image a\.jpg/],
      ['absent.json', /no such file/],
    ] as const) {
      const { code, stderr } = run('eval.ts', ['--dataset', join(dir, file)]);
      assert.equal(code, 2);
      assert.equal(stderr.split('\n').length, 1, stderr);
      assert.match(stderr, new RegExp(`^eval: .*${file}: `));
      assert.match(stderr, problem);
    }
  });
});
