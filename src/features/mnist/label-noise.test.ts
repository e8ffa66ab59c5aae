import { expect } from '@esm-bundle/chai';
import { injectLabelNoise } from './label-noise.ts';

const labels = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 10);

describe('label noise (悪い教師)', () => {
  it('flips exactly round(rate × N) labels, each to another digit, the same for a seed', () => {
    const a = injectLabelNoise(labels, 0.237, 'uniform', 5);
    expect(a.flipped.length).to.equal(2370);
    const changed = labels.reduce((n, label, i) => n + (a.labels[i] !== label ? 1 : 0), 0);
    expect(changed).to.equal(2370);
    for (const i of a.flipped) expect(a.labels[i]).to.not.equal(labels[i]);
    const again = injectLabelNoise(labels, 0.237, 'uniform', 5);
    expect(Array.from(again.labels)).to.deep.equal(Array.from(a.labels));
    const other = injectLabelNoise(labels, 0.237, 'uniform', 6);
    expect(Array.from(other.flipped)).to.not.deep.equal(Array.from(a.flipped));
    expect(labels[0]).to.equal(0); // the input is never modified
  });

  it('systematic 7 → 1 turns exactly that share of the sevens into ones and nothing else', () => {
    const sevens = labels.filter((label) => label === 7).length;
    const noisy = injectLabelNoise(labels, 0.5, '7to1', 1);
    expect(noisy.flipped.length).to.equal(Math.round(sevens / 2));
    for (const i of noisy.flipped) {
      expect(labels[i]).to.equal(7);
      expect(noisy.labels[i]).to.equal(1);
    }
    const changed = labels.reduce((n, label, i) => n + (noisy.labels[i] !== label ? 1 : 0), 0);
    expect(changed).to.equal(noisy.flipped.length);
  });

  it('rate 0 changes nothing and a bad rate is refused', () => {
    expect(injectLabelNoise(labels, 0, 'uniform', 1).flipped.length).to.equal(0);
    expect(() => injectLabelNoise(labels, 1.5, 'uniform', 1)).to.throw(RangeError);
  });
});
