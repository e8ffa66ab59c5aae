// The default model on real photos it never trained on: the committed evaluation set (datasets/real-val,
// real balls) must not fall more than 0.02 AP50 below what the model's recipe recorded, and the
// look-alike photos (datasets/lookalikes: faces, a cup, a clock, coins) get no more boxes at the live
// threshold than it recorded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runScript } from '../support/run-script.ts';

const root = join(import.meta.dirname, '../..');

interface EvalSummary {
  images: number;
  mAP50: number;
  falseAlarms: number;
  perKind: Record<string, { balls: number; ap50: number }>;
}

function evaluate(dataset: string): EvalSummary {
  const { code, stdout, stderr } = runScript('eval.ts', ['--dataset', dataset, '--backend', 'wasm', '--json']);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout.split('\n').at(-1) as string) as EvalSummary;
}

test('real-val: AP50 stays within 0.02 of the value the default model recorded', () => {
  const recipe = JSON.parse(readFileSync(join(root, 'public/models/ball/RECIPE.json'), 'utf8'));
  const recorded = recipe.evaluation?.realVal?.mAP50;
  assert.equal(typeof recorded, 'number', 'RECIPE.json records evaluation.realVal.mAP50');
  const summary = evaluate(join(root, 'datasets/real-val'));
  assert.equal(summary.images, 158);
  assert.ok(summary.mAP50 >= recorded - 0.02, `AP50 ${summary.mAP50} vs recorded ${recorded}`);
  assert.deepEqual(Object.keys(summary.perKind).sort(), ['basketball', 'ping-pong']);
});

test('look-alikes: no more boxes on a face, a cup, a clock or coins than the model recorded', () => {
  // The target is none; the committed model still boxes two of the six (see MODEL_CARD.md).
  const recipe = JSON.parse(readFileSync(join(root, 'public/models/ball/RECIPE.json'), 'utf8'));
  const recorded = recipe.evaluation?.lookalikes?.falseAlarms;
  assert.equal(typeof recorded, 'number', 'RECIPE.json records evaluation.lookalikes.falseAlarms');
  const summary = evaluate(join(root, 'datasets/lookalikes/lookalikes.json'));
  assert.equal(summary.images, 6);
  assert.ok(summary.falseAlarms <= recorded, `${summary.falseAlarms} boxes on ball-free photos (recorded ${recorded})`);
});
