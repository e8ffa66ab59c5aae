import { expect } from '@esm-bundle/chai';
import type { Tensor, Variable } from '@tensorflow/tfjs';
import type { LevelHeads } from '../../model/ssd-heads.ts';
import { loadTf } from '../../shared/backend/backends.ts';
import { EarlyStopping, improves } from './early-stopping.ts';

const tensorsOf = (heads: readonly LevelHeads[]): Tensor[] => heads.flatMap((head) => Object.values(head));

describe('early stopping', () => {
  it('prefers a higher mAP, and at an equal mAP a lower loss', () => {
    expect(improves({ map: 0.5, loss: 1 }, { map: 0.6, loss: 2 })).to.equal(true);
    expect(improves({ map: 0.5, loss: 1 }, { map: 0.4, loss: 0.1 })).to.equal(false);
    expect(improves({ map: 1, loss: 1 }, { map: 1, loss: 0.9 })).to.equal(true);
    expect(improves({ map: 1, loss: 1 }, { map: 1 - 1e-12, loss: 0.9 })).to.equal(true);
    expect(improves({ map: 1, loss: 1 }, { map: 1, loss: 1 })).to.equal(false);
  });

  it('keeps a copy of the best epoch’s heads and stops after `patience` epochs without improvement', async () => {
    const tf = await loadTf();
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const kernel = tf.tidy(() => tf.variable(tf.zeros([1, 1])));
    const heads = [{ boxKernel: kernel }] as unknown as LevelHeads[];
    const set = (value: number) => tf.tidy(() => (kernel as Variable).assign(tf.fill([1, 1], value)));
    const stopping = new EarlyStopping(
      tf,
      heads,
      { valLoss: 1, valMAP50: 0.5 },
      { validation: true, epochs: 9, patience: 2 },
    );
    set(1);
    expect(stopping.offer(1, { valLoss: 1, valMAP50: 0.7 }, heads)).to.equal(true);
    set(2);
    expect(stopping.offer(2, { valLoss: 0.5, valMAP50: 0.6 }, heads)).to.equal(true);
    expect(stopping.offer(3, { valLoss: 0.5, valMAP50: 0.6 }, heads)).to.equal(false);
    expect(stopping.epoch).to.equal(1);
    const best = stopping.take();
    expect(Array.from(await (best[0] as LevelHeads).boxKernel.data())).to.deep.equal([1]);
    tf.dispose([...tensorsOf(best), kernel]);
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('without validation keeps the last epoch and never stops early', async () => {
    const tf = await loadTf();
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const heads = [{ boxKernel: tf.zeros([1, 1]) }] as unknown as LevelHeads[];
    const none = { valLoss: 0, valMAP50: null };
    const stopping = new EarlyStopping(tf, heads, none, { validation: false, epochs: 3, patience: 1 });
    expect([1, 2, 3].map((epoch) => stopping.offer(epoch, none, heads))).to.deep.equal([true, true, true]);
    expect(stopping.epoch).to.equal(3);
    stopping.dispose();
    tf.dispose(tensorsOf(heads));
    expect(tf.memory().numTensors).to.equal(before);
  });
});
