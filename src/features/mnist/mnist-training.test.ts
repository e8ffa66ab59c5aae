import { expect } from '@esm-bundle/chai';
import { learningRateAt, PEAK_RATE } from './mnist-training.ts';

describe('MNIST learning-rate schedule (one cycle)', () => {
  it('warms up to the peak in the first tenth, then falls smoothly to a hundredth of it', () => {
    const rates = Array.from({ length: 101 }, (_, i) => learningRateAt(i / 100));
    expect(rates[0]).to.be.closeTo(PEAK_RATE / 10, 1e-9);
    expect(Math.max(...rates)).to.be.closeTo(PEAK_RATE, 1e-9);
    expect(rates.indexOf(Math.max(...rates))).to.equal(10);
    expect(rates[100]).to.be.closeTo(PEAK_RATE / 100, 1e-9);
    for (let i = 1; i <= 10; i++) expect(rates[i] as number).to.be.greaterThan(rates[i - 1] as number);
    for (let i = 11; i <= 100; i++) expect(rates[i] as number).to.be.lessThan(rates[i - 1] as number);
  });
});
