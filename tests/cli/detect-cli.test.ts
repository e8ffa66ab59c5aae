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
    // Without --model: the app's default ball model.
    for (const detection of result.detections) {
      assert.equal(detection.label, 'ball');
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

  test('stock COCO-SSD stays one option away; --tiles adds a zoomed second look', () => {
    const { code, stdout } = run('detect.ts', [
      fixture,
      '--model',
      'coco',
      '--tiles',
      '2',
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.ok(result.detections.length >= 1, stdout);
    for (const detection of result.detections) assert.equal(detection.label, 'sports ball');
  });

  test('rejects bad options before starting a browser', () => {
    const { code, stderr } = run('detect.ts', [fixture, '--backend', 'tpu']);
    assert.equal(code, 2);
    assert.match(stderr, /--backend must be/);
    const tiles = run('detect.ts', [fixture, '--tiles', '9']);
    assert.equal(tiles.code, 2);
    assert.match(tiles.stderr, /--tiles must be 1, 2, 3 or 4/);
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
        // Half hidden behind the post: stock COCO never found it, the default ball model does.
        { id: 3, image_id: 1, category_id: 1, bbox: [199, 0, 131, 119] },
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
    assert.equal(summary.model, 'default');
    // All three balls are large (COCO's size buckets); the COCO file names no kind.
    assert.deepEqual(summary.perSize, { large: { balls: 3, recall: 1, ap50: 1 } });
    assert.deepEqual(Object.keys(summary.perKind), ['unknown']);
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
    const verifier = run('eval.ts', ['--dataset', join(dir, 'outside.json'), '--verifier', 'maybe']);
    assert.equal(verifier.code, 2);
    assert.match(verifier.stderr, /^eval: --verifier must be on or off, not "maybe"$/m);
  });
});
