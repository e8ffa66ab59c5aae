import { expect } from '@esm-bundle/chai';
import type { Box } from '../model/geometry.ts';
import type { BoxNoiseKind, InjectedError } from './box-noise.ts';
import type { SuspectKind } from './label-suspects.ts';
import { type PhotoSuspect, scoreRanking } from './suspect-ranking.ts';

const error = (imageId: string, kind: BoxNoiseKind, box: Box): InjectedError => ({ imageId, kind, box, label: 'ball' });
const suspect = (imageId: string, kind: SuspectKind, box: Box, score: number): PhotoSuspect => ({
  imageId,
  kind,
  box,
  label: 'ball',
  score,
});

const BALL: Box = [100, 100, 50, 50];
const ELSEWHERE: Box = [300, 300, 50, 50];

describe('suspect ranking against the answer key', () => {
  it('scores a perfect ranking 1 for every kind and in the first k', () => {
    const errors = [
      error('a', 'missed', BALL),
      error('b', 'loose', BALL),
      error('c', 'class', BALL),
      error('d', 'extra', BALL),
    ];
    const suspects = [
      // The suggested box of a missed ball is the model's, near the dropped one but not the same.
      suspect('a', 'missed', [105, 102, 50, 50], 0.9),
      suspect('b', 'loose', BALL, 0.8),
      suspect('c', 'class', BALL, 0.7),
      suspect('d', 'extra', BALL, 0.6),
    ];
    const score = scoreRanking(suspects, errors);
    for (const kind of ['missed', 'loose', 'class', 'extra'] as const) {
      expect(score.perKind[kind], kind).to.deep.equal({ injected: 1, found: 1, ap: 1 });
    }
    expect(score.precisionAtK).to.equal(1);
    expect(score.k).to.equal(20);
  });

  it('halves the AP of a kind when a false suspect is ranked above its only true one', () => {
    const errors = [error('a', 'extra', BALL)];
    // Given out of order: the ranking is by score, not by position in the list.
    const suspects = [suspect('a', 'extra', BALL, 0.5), suspect('a', 'extra', ELSEWHERE, 0.9)];
    const score = scoreRanking(suspects, errors);
    expect(score.perKind.extra).to.deep.equal({ injected: 1, found: 1, ap: 0.5 });
    expect(score.precisionAtK).to.equal(0.5);
    expect(scoreRanking(suspects, errors, 1).precisionAtK).to.equal(0);
  });

  it('counts a mistake never named against the AP', () => {
    const errors = [error('a', 'loose', BALL), error('b', 'loose', BALL)];
    const score = scoreRanking([suspect('a', 'loose', BALL, 0.9)], errors);
    expect(score.perKind.loose).to.deep.equal({ injected: 2, found: 1, ap: 0.5 });
    expect(score.precisionAtK).to.equal(1);
  });

  it('does not count a suspect of the wrong kind, photo or ball as a hit', () => {
    const errors = [error('a', 'class', BALL)];
    const misses = [
      suspect('a', 'extra', BALL, 0.9),
      suspect('b', 'class', BALL, 0.8),
      suspect('a', 'class', ELSEWHERE, 0.7),
    ];
    const score = scoreRanking(misses, errors);
    expect(score.perKind.class).to.deep.equal({ injected: 1, found: 0, ap: 0 });
    expect(score.perKind.extra).to.deep.equal({ injected: 0, found: 0, ap: 0 });
    expect(score.precisionAtK).to.equal(0);
  });

  it('credits one mistake named twice only once', () => {
    const errors = [error('a', 'missed', BALL)];
    const score = scoreRanking([suspect('a', 'missed', BALL, 0.9), suspect('a', 'missed', BALL, 0.8)], errors);
    expect(score.perKind.missed).to.deep.equal({ injected: 1, found: 1, ap: 1 });
    expect(score.precisionAtK).to.equal(0.5);
  });

  it('scores an empty list 0 without dividing by zero', () => {
    const score = scoreRanking([], [error('a', 'missed', BALL)]);
    expect(score.perKind.missed).to.deep.equal({ injected: 1, found: 0, ap: 0 });
    expect(score.precisionAtK).to.equal(0);
  });
});
