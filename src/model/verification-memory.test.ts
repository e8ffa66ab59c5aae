import { expect } from '@esm-bundle/chai';
import { REMEMBER_FRAMES, VerificationMemory } from './verification-memory.ts';

describe('verification memory', () => {
  it('gives a judgement back for a box in the same place, not for one elsewhere', () => {
    const memory = new VerificationMemory();
    memory.nextFrame();
    memory.remember([100, 100, 40, 40], 0.9);
    memory.nextFrame();
    expect(memory.recall([102, 101, 40, 40])).to.equal(0.9);
    expect(memory.recall([160, 100, 40, 40])).to.equal(undefined);
  });

  it(`forgets a judgement after ${REMEMBER_FRAMES} frames, so a ball is looked at again`, () => {
    const memory = new VerificationMemory();
    memory.nextFrame();
    memory.remember([0, 0, 20, 20], 0.2);
    for (let frame = 1; frame < REMEMBER_FRAMES; frame++) memory.nextFrame();
    expect(memory.recall([0, 0, 20, 20])).to.equal(0.2);
    memory.nextFrame();
    expect(memory.recall([0, 0, 20, 20])).to.equal(undefined);
  });
});
