import { expect } from '@esm-bundle/chai';
import { estimateRemaining, formatDuration } from './format-duration.ts';

describe('formatDuration', () => {
  it('keeps seconds under a minute and pads minutes and hours', () => {
    expect([0, 44_600, 187_000, 3_725_000, -5].map(formatDuration)).to.deep.equal([
      '0 s',
      '45 s',
      '3:07',
      '1:02:05',
      '0 s',
    ]);
  });

  it('estimates the time left from the pace so far', () => {
    expect(estimateRemaining(1000, 0, 10)).to.equal(undefined);
    expect(estimateRemaining(1000, 2, 10)).to.equal(4000);
    expect(estimateRemaining(1000, 12, 10)).to.equal(0);
  });
});
