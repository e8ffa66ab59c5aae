import { expect } from '@esm-bundle/chai';
import { onSchedule } from './burst-schedule.ts';

function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Stands in for a slow grab on a busy phone.
  }
}

describe('onSchedule', () => {
  it('keeps to the wall clock when every grab is slow: the delays do not add up', async () => {
    const started = performance.now();
    const times = await onSchedule(6, 200, () => {
      const at = performance.now() - started;
      busy(120);
      return at;
    });
    const total = performance.now() - started;
    // Sequential waits would take 6 · 120 + 5 · 200 = 1720 ms; on schedule it is 5 · 200 + 120.
    expect(total).to.be.below(1400);
    times.forEach((at, index) => {
      expect(at, `grab ${index}`).to.be.at.least(index * 200 - 2);
      expect(at, `grab ${index}`).to.be.below(index * 200 + 150);
    });
  });

  it('catches up after the page was blocked instead of shifting every later grab', async () => {
    const started = performance.now();
    setTimeout(() => busy(450), 50);
    const times = await onSchedule(5, 150, () => performance.now() - started);
    // The block swallows the grabs due at 150 and 300; they run right after it, and 450 and 600 stay put.
    expect(times[3]).to.be.below(560);
    expect(times[4]).to.be.within(598, 700);
  });
});
