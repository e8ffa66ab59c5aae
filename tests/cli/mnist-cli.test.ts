// `npm run mnist` as a user runs it: a short run on the first 3,000 training digits prints one JSON
// line with the contract's fields, scored on all 10,000 test digits; bad options exit with code 2.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScript } from '../support/run-script.ts';

describe('npm run mnist', () => {
  test('trains on WASM and reports the score, the speed and the wall clock as one JSON line', () => {
    const { code, stdout, stderr } = runScript('mnist.ts', [
      '--train-count',
      '3000',
      '--epochs',
      '2',
      '--noise',
      '0.1',
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout);
    assert.deepEqual(Object.keys(result).sort(), [
      'backend',
      'epochs',
      'flippedLabels',
      'ms',
      'msPerEpoch',
      'noise',
      'noiseKind',
      'testAccuracy',
      'testCount',
      'trainCount',
    ]);
    assert.deepEqual(
      [result.trainCount, result.testCount, result.backend, result.epochs, result.noise, result.flippedLabels],
      [3000, 10_000, 'wasm', 2, 0.1, 300],
    );
    assert.ok(result.testAccuracy > 0.9, `test accuracy ${result.testAccuracy} after 3,000 digits × 2 epochs`);
    assert.ok(result.msPerEpoch > 0 && result.ms > 2 * result.msPerEpoch, JSON.stringify(result));
  });

  test('refuses a bad option with exit code 2 before starting a browser', () => {
    const { code, stderr } = runScript('mnist.ts', ['--epochs', 'many']);
    assert.equal(code, 2);
    assert.match(stderr, /--epochs must be a whole number/);
  });
});
