// `npm run train` as a user runs it: a small COCO dataset → one JSON line per epoch and a summary,
// a model folder that detect and eval accept; empty datasets, missing boxes and unknown classes
// are refused with exit code 2 before anything trains.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runScript } from '../support/run-script.ts';

const root = join(import.meta.dirname, '../..');
const sampleTrain = JSON.parse(readFileSync(join(root, 'datasets/sample/train.json'), 'utf8'));

const run = runScript;

/** A COCO file next to the sample images, holding the first `count` of them. */
function smallDataset(dir: string, count: number, mutate: (coco: typeof sampleTrain) => void = () => {}): string {
  const images = sampleTrain.images.slice(0, count).map((image: { file_name: string }) => ({
    ...image,
    file_name: join(root, 'datasets/sample', image.file_name),
  }));
  const ids = new Set(images.map((image: { id: number }) => image.id));
  const coco = {
    ...sampleTrain,
    images,
    annotations: sampleTrain.annotations.filter((a: { image_id: number }) => ids.has(a.image_id)),
  };
  mutate(coco);
  const path = join(dir, `dataset-${count}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(coco));
  return path;
}

describe('npm run train', () => {
  test('trains, prints JSON lines, and writes a model folder that detect and eval accept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tama-train-'));
    const dataset = smallDataset(dir, 8);
    const out = join(dir, 'model');
    const { code, stdout, stderr } = run('train.ts', [
      '--dataset',
      dataset,
      '--out',
      out,
      '--epochs',
      '2',
      '--copies',
      '1',
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(code, 0, stderr);
    const lines = stdout.split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(
      lines.slice(0, 2).map((line) => Object.keys(line).sort()),
      [
        ['epoch', 'loss', 'ms', 'valLoss', 'valMAP50'],
        ['epoch', 'loss', 'ms', 'valLoss', 'valMAP50'],
      ],
    );
    assert.deepEqual(
      lines.slice(0, 2).map((line) => line.epoch),
      [1, 2],
    );
    const summary = lines[2];
    assert.equal(summary.final, true);
    assert.equal(summary.backend, 'wasm');
    assert.equal(summary.trainImages + summary.valImages, 8);
    assert.ok(existsSync(join(out, 'model.json')) && existsSync(join(out, 'weights.bin')));

    const image = join(root, 'datasets/sample/images/s1-00001.jpg');
    const detected = run('detect.ts', [image, '--model', out, '--backend', 'wasm', '--json', '--threshold', '0.3']);
    assert.equal(detected.code, 0, detected.stderr);
    const result = JSON.parse(detected.stdout);
    assert.ok(result.detections.length >= 1);
    assert.ok(result.detections.every((d: { label: string }) => d.label === 'ball'));

    const evaluated = run('eval.ts', ['--dataset', dataset, '--model', out, '--backend', 'wasm', '--json']);
    assert.equal(evaluated.code, 0, evaluated.stderr);
    assert.ok(JSON.parse(evaluated.stdout).mAP50 > 0.5);
  });

  test('refuses an empty dataset, one without boxes, and unknown classes (exit code 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tama-train-bad-'));
    const out = join(dir, 'model');
    const empty = run('train.ts', ['--dataset', smallDataset(dir, 0), '--out', out]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^train: .*the dataset has no images$/);

    const noBoxes = smallDataset(dir, 3, (coco) => {
      coco.annotations = [];
    });
    const unboxed = run('train.ts', ['--dataset', noBoxes, '--out', out]);
    assert.equal(unboxed.code, 2);
    assert.match(unboxed.stderr, /no image has a box to learn from/);

    const unknown = run('train.ts', ['--dataset', smallDataset(dir, 3), '--out', out, '--classes', 'ball,rugby']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no box in the dataset is labelled "rugby" \(it has ball\)/);
    assert.equal(existsSync(out), false);
  });
});
