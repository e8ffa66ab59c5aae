import { expect } from '@esm-bundle/chai';
import type { MnistResult } from './mnist-protocol.ts';
import { noiseRuns, rememberNoiseRun } from './mnist-store.ts';

const legacyKey = 'tama-lab:mnist-noise-runs';
const run = { rate: 0.2, kind: 'uniform', accuracy: 0.9, trainCount: 10_000, epochs: 2 };
const result = (noise: number) =>
  ({ noise, noiseKind: '7to1', testAccuracy: 0.95, trainCount: 2000, epochs: [{}, {}] }) as unknown as MnistResult;

describe('bad-labels lab runs (a setting)', () => {
  afterEach(() => noiseRuns.clear());

  it('reads the runs stored before versioning, keeping only the valid ones', () => {
    localStorage.setItem(legacyKey, JSON.stringify([run, { ...run, kind: 'sideways' }, { ...run, rate: 'x' }, null]));
    expect(noiseRuns.get()).to.deep.equal([run]);
    localStorage.setItem(legacyKey, '{"not":"a list"}');
    expect(noiseRuns.get()).to.deep.equal([]);
  });

  it('appends a run under the versioned key, keeps the last 60, and clears both keys', () => {
    localStorage.setItem(legacyKey, JSON.stringify([run]));
    for (let i = 0; i < 61; i++) rememberNoiseRun(result(i / 100));
    const runs = noiseRuns.get();
    expect(runs).to.have.length(60);
    expect(runs[59]).to.deep.equal({ rate: 0.6, kind: '7to1', accuracy: 0.95, trainCount: 2000, epochs: 2 });
    expect(JSON.parse(localStorage.getItem('tama-lab:v1:mnist-noise-runs') ?? '[]')).to.have.length(60);
    noiseRuns.clear();
    expect([localStorage.getItem(noiseRuns.key), localStorage.getItem(legacyKey)]).to.deep.equal([null, null]);
  });
});
