import { expect } from '@esm-bundle/chai';
import { BatchSchedule, stepsPerEpoch } from './epoch-loop.ts';
import type { View } from './training-views.ts';

const views = (count: number) => Array.from({ length: count }, (_, i) => ({ positives: i }) as unknown as View);
const ids = (batches: View[][]) => batches.map((batch) => batch.map((view) => view.positives));

describe('epoch loop', () => {
  it('takes at least 10 steps per epoch', () => {
    expect(stepsPerEpoch(3, 8)).to.equal(10);
    expect(stepsPerEpoch(100, 8)).to.equal(13);
  });

  it('deals whole shuffled passes over the views, as many as the steps need', () => {
    const schedule = new BatchSchedule(views(5), 4, 3, 1);
    const batches = ids(schedule.epoch());
    expect(batches.map((batch) => batch.length)).to.deep.equal([4, 4, 4]);
    const dealt = batches.flat();
    // Three passes over five views were dealt; the first ten ids are two whole passes.
    expect([...dealt.slice(0, 5)].sort()).to.deep.equal([0, 1, 2, 3, 4]);
    expect([...dealt.slice(5, 10)].sort()).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('repeats exactly with the same seed and differs from one epoch to the next', () => {
    const a = new BatchSchedule(views(12), 4, 3, 7);
    const b = new BatchSchedule(views(12), 4, 3, 7);
    const first = ids(a.epoch());
    expect(ids(b.epoch())).to.deep.equal(first);
    const second = ids(a.epoch());
    expect(ids(b.epoch())).to.deep.equal(second);
    expect(second).to.not.deep.equal(first);
  });

  it('skips epochs as if they had been dealt: a resumed run gets the batches it would have', () => {
    const whole = new BatchSchedule(views(12), 4, 3, 7);
    const resumed = new BatchSchedule(views(12), 4, 3, 7);
    whole.epoch();
    whole.epoch();
    resumed.skip(2);
    expect(ids(resumed.epoch())).to.deep.equal(ids(whole.epoch()));
  });
});
