// `npm run soak` in miniature: half a minute of live detection and three fine-tunes in one worker,
// with bounds a leak would cross; and the verdict logic on made-up series, so "flat" and "growing"
// are known to mean what they say.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { LiveSample } from '../../scripts/lib/soak-live.ts';
import { type MetricSummary, trend } from '../../scripts/lib/soak-stats.ts';
import type { TrainSample } from '../../scripts/lib/soak-train.ts';
import { runScript } from '../support/run-script.ts';

const MB = 1024 * 1024;

describe('soak verdicts', () => {
  test('a jittering series is flat, a steady climb is growing, a drop in FPS is falling', () => {
    const jitter = [100, 104, 97, 103, 99, 101, 96, 104, 100, 98, 102, 100];
    assert.equal(trend(jitter, { abs: 0, rel: 0 }).verdict, 'flat within noise');
    const climb = jitter.map((v, i) => v + i * 3);
    const climbing = trend(climb, { abs: 0, rel: 0 });
    assert.equal(climbing.verdict, 'growing');
    assert.ok(Math.abs(climbing.slope - 3) < 0.5, `slope ${climbing.slope}`);
    // The same climb under a floor larger than it is noise by decree.
    assert.equal(trend(climb, { abs: 40, rel: 0 }).verdict, 'flat within noise');
    assert.equal(trend([20, 20, 19, 15, 12, 10], { abs: 1, rel: 0, bad: 'down' }).verdict, 'falling');
    assert.equal(trend([1, 2], { abs: 0, rel: 0 }).verdict, 'too few samples');
    // One step up (a buffer that grew once, then stayed) is not a trend when the floor allows it.
    assert.equal(trend([50, 50, 50, 52, 52, 52, 52, 52, 52], { abs: 2 * MB, rel: 0 }).verdict, 'flat within noise');
  });
});

describe('npm run soak', () => {
  test('half a minute of live detection on WASM: tensors, WASM heap, JS heap and DOM nodes stay flat', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'tama-soak-')), 'live.json');
    // A sample every 3 s: the heap after a collection still holds a frame's work in flight (up to about
    // a megabyte with the verifier), and each third of the run then averages 3 samples, not 2.
    const { code, stdout, stderr } = runScript('soak.ts', [
      ...['--minutes', '0.5', '--every', '3', '--warmup', '5', '--backend', 'wasm', '--json', json],
    ]);
    console.log(stdout);
    assert.equal(code, 0, `${stdout}\n${stderr}`);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { samples: LiveSample[]; summaries: MetricSummary[] };
    const { samples } = report;
    assert.ok(samples.length >= 5, `${samples.length} samples`);
    const first = samples[0] as LiveSample;
    const last = samples.at(-1) as LiveSample;
    assert.ok(
      samples.every((s) => s.fps > 0),
      'frames kept coming',
    );
    assert.equal(last.tensors, first.tensors, 'tensors');
    assert.ok(
      last.backendBytes - first.backendBytes <= 2 * MB,
      `WASM heap ${first.backendBytes} → ${last.backendBytes}`,
    );
    assert.ok(last.jsHeapBytes - first.jsHeapBytes < 3 * MB, `JS heap ${first.jsHeapBytes} → ${last.jsHeapBytes}`);
    assert.ok(last.domNodes - first.domNodes < 100, `DOM nodes ${first.domNodes} → ${last.domNodes}`);
    assert.match(stdout, /slope\/sample/);
    for (const metric of ['tensors', 'backend MB', 'JS heap MB', 'DOM nodes'])
      assert.equal(report.summaries.find((s) => s.metric === metric)?.verdict, 'flat within noise', metric);
  });

  test('three fine-tunes in one worker: its tensors are back to their start after each', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'tama-soak-')), 'train.json');
    const { code, stdout, stderr } = runScript('soak.ts', [
      ...['--train', '3', '--images', '6', '--epochs', '2', '--backend', 'wasm', '--json', json],
    ]);
    console.log(stdout);
    assert.equal(code, 0, `${stdout}\n${stderr}`);
    const { samples } = JSON.parse(readFileSync(json, 'utf8')) as { samples: TrainSample[] };
    assert.equal(samples.length, 3);
    for (const s of samples) {
      assert.deepEqual([s.workerTensors, s.workerBytes], [s.startTensors, s.startBytes], `run ${s.run}`);
      assert.ok(s.workerHeapBytes > 0 && s.pageHeapBytes > 0, 'heaps were read');
    }
    const growth = (samples[2] as TrainSample).workerHeapBytes - (samples[0] as TrainSample).workerHeapBytes;
    assert.ok(growth < 2 * MB, `worker heap grew ${growth} bytes over two runs`);
    assert.match(stdout, /back to its start after every one of 3 runs/);
  });
});
