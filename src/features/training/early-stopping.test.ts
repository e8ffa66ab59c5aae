import { expect } from '@esm-bundle/chai';
import { EarlyStopping, improves } from './early-stopping.ts';

describe('early stopping', () => {
  it('prefers a higher mAP, and at an equal mAP a lower loss', () => {
    expect(improves({ map: 0.5, loss: 1 }, { map: 0.6, loss: 2 })).to.equal(true);
    expect(improves({ map: 0.5, loss: 1 }, { map: 0.4, loss: 0.1 })).to.equal(false);
    expect(improves({ map: 1, loss: 1 }, { map: 1, loss: 0.9 })).to.equal(true);
    expect(improves({ map: 1, loss: 1 }, { map: 1 - 1e-12, loss: 0.9 })).to.equal(true);
    expect(improves({ map: 1, loss: 1 }, { map: 1, loss: 1 })).to.equal(false);
  });

  it('keeps a copy of the best epoch’s weights and stops after `patience` epochs without improvement', () => {
    const weights = new Float32Array([0]);
    const stopping = new EarlyStopping(
      weights,
      { valLoss: 1, valMAP50: 0.5 },
      { validation: true, epochs: 9, patience: 2 },
    );
    weights[0] = 1;
    expect(stopping.offer(1, { valLoss: 1, valMAP50: 0.7 }, weights)).to.equal(true);
    weights[0] = 2;
    expect(stopping.offer(2, { valLoss: 0.5, valMAP50: 0.6 }, weights)).to.equal(true);
    expect(stopping.offer(3, { valLoss: 0.5, valMAP50: 0.6 }, weights)).to.equal(false);
    expect(stopping.epoch).to.equal(1);
    expect(Array.from(stopping.take())).to.deep.equal([1]);
  });

  it('without validation keeps the last epoch and never stops early', () => {
    const weights = new Float32Array([0]);
    const none = { valLoss: 0, valMAP50: null };
    const stopping = new EarlyStopping(weights, none, { validation: false, epochs: 3, patience: 1 });
    expect(
      [1, 2, 3].map((epoch) => {
        weights[0] = epoch;
        return stopping.offer(epoch, none, weights);
      }),
    ).to.deep.equal([true, true, true]);
    expect(stopping.epoch).to.equal(3);
    expect(Array.from(stopping.take())).to.deep.equal([3]);
  });

  it('resumed after epoch 3 with its best epoch 1, it stops where the whole run would have', () => {
    const options = { validation: true, epochs: 9, patience: 3 };
    const resumed = EarlyStopping.resumed(
      { epoch: 1, score: { map: 0.7, loss: 1 }, weights: Float32Array.from([1]) },
      options,
    );
    expect(resumed.continuesAfter(3)).to.equal(true);
    expect(resumed.offer(4, { valLoss: 1, valMAP50: 0.6 }, Float32Array.from([4]))).to.equal(false);
    expect(resumed.epoch).to.equal(1);
    expect(resumed.bestScore).to.deep.equal({ map: 0.7, loss: 1 });
    expect(Array.from(resumed.take())).to.deep.equal([1]);
    expect(
      EarlyStopping.resumed(
        { epoch: 1, score: { map: 0.7, loss: 1 }, weights: Float32Array.from([1]) },
        options,
      ).continuesAfter(4),
    ).to.equal(false);
    expect(resumed.continuesAfter(9)).to.equal(false);
  });
});
