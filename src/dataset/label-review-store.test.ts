import { expect } from '@esm-bundle/chai';
import type { Box } from '../model/geometry.ts';
import { type Decision, lastCheck, pendingSuspects, rememberDecision, reviewDecisions } from './label-review.ts';
import { check, image, suspect } from './review-fixtures.ts';

const TARGET: Box = [10, 10, 50, 50];
const FAR: Box = [200, 200, 40, 40];
const SNAPPED: Box = [20, 15, 50, 50];

describe('stored check and decisions', () => {
  afterEach(() => {
    lastCheck.clear();
    reviewDecisions.clear();
  });

  it('keeps no check and no decisions at first', () => {
    expect(lastCheck.get()).to.equal(null);
    expect(reviewDecisions.get()).to.deep.equal([]);
  });

  it('keeps the last check as it was stored', () => {
    const stored = check([
      suspect('a', 'loose', TARGET, 0.8, { boxIndex: 0, suggestion: { box: SNAPPED, label: 'ball', score: 0.8 } }),
      suspect('b', 'missed', FAR, 0.6),
    ]);
    lastCheck.set(stored);
    expect(lastCheck.get()).to.deep.equal(stored);
  });

  it('drops the malformed suspects of a stored check and keeps the others', () => {
    const good = suspect('a', 'extra', TARGET, 0.9);
    const stored = {
      ...check([]),
      suspects: [
        good,
        { ...good, kind: 'blurry' },
        { ...good, box: [1, 2, 3] },
        { ...good, score: '0.9' },
        { ...good, suggestion: { box: [1, 2, 3, Number.NaN], label: 'ball' } },
        null,
      ],
    };
    localStorage.setItem(lastCheck.key, JSON.stringify(stored));
    expect(lastCheck.get()?.suspects).to.deep.equal([good]);
  });

  it('forgets a stored check whose numbers are missing', () => {
    localStorage.setItem(lastCheck.key, JSON.stringify({ ...check([]), folds: 'five' }));
    expect(lastCheck.get()).to.equal(null);
    localStorage.setItem(lastCheck.key, JSON.stringify({ at: 1, folds: 2, checked: 3, ms: 4 }));
    expect(lastCheck.get()).to.equal(null);
  });

  it('appends each decision to the ones remembered', () => {
    const first = suspect('a', 'extra', TARGET, 0.9);
    const second = suspect('b', 'missed', FAR, 0.7);
    rememberDecision(first, 'delete');
    rememberDecision(second, 'keep');
    expect(reviewDecisions.get()).to.deep.equal([
      { imageId: 'a', kind: 'extra', box: TARGET, action: 'delete' },
      { imageId: 'b', kind: 'missed', box: FAR, action: 'keep' },
    ]);
    // A remembered decision takes the suspect out of the queue.
    const images = [image('a', [{ box: [...TARGET] as Box, label: 'ball' }]), image('b', [])];
    expect(pendingSuspects(check([first, second]), reviewDecisions.get(), images)).to.deep.equal([]);
  });

  it('keeps the valid decisions of a stored list with a malformed one', () => {
    const valid: Decision[] = [
      { imageId: 'a', kind: 'extra', box: TARGET, action: 'delete' },
      { imageId: 'b', kind: 'missed', box: FAR, action: 'add' },
    ];
    const stored = [valid[0], { imageId: 'c', kind: 'extra', box: TARGET, action: 'burn' }, valid[1]];
    localStorage.setItem(reviewDecisions.key, JSON.stringify(stored));
    expect(reviewDecisions.get()).to.deep.equal(valid);
    // And the next decision goes after them.
    rememberDecision(suspect('d', 'class', TARGET, 0.6), 'keep');
    expect(reviewDecisions.get().map((d) => d.imageId)).to.deep.equal(['a', 'b', 'd']);
  });

  it('falls back to no decisions when what is stored is not a list', () => {
    localStorage.setItem(reviewDecisions.key, JSON.stringify({ imageId: 'a' }));
    expect(reviewDecisions.get()).to.deep.equal([]);
  });

  it('forgets the oldest decisions beyond 2000', () => {
    const many = Array.from(
      { length: 2000 },
      (_, i): Decision => ({ imageId: `p${i}`, kind: 'extra', box: TARGET, action: 'keep' }),
    );
    reviewDecisions.set(many);
    rememberDecision(suspect('newest', 'missed', FAR, 0.9), 'add');
    const kept = reviewDecisions.get();
    expect(kept).to.have.length(2000);
    expect(kept[0]?.imageId).to.equal('p1');
    expect(kept.at(-1)).to.deep.equal({ imageId: 'newest', kind: 'missed', box: FAR, action: 'add' });
  });
});
