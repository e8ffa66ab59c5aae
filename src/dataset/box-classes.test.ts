import { expect } from '@esm-bundle/chai';
import { Random } from '../shared/random.ts';
import { BoxNeighbours, type DescribedBox } from './box-classes.ts';

const WIDTH = 16;
const random = new Random(42);

/** A class's centre: a different half of the description lights up for each class. */
const centre = (firstHalf: boolean) =>
  Float32Array.from({ length: WIDTH }, (_, i) => (i < WIDTH / 2 === firstHalf ? 3 : 0));
const CENTRES = { red: centre(true), blue: centre(false) };
const near = (point: Float32Array, spread = 0.3) => point.map((value) => value + random.range(-spread, spread));

const examples: DescribedBox[] = (['red', 'blue'] as const).flatMap((label) =>
  Array.from({ length: 20 }, () => ({ features: near(CENTRES[label]), label })),
);
const sumOf = (votes: Record<string, number>) => Object.values(votes).reduce((sum, share) => sum + share, 0);

describe('box neighbours (which class a box looks like)', () => {
  const neighbours = new BoxNeighbours(examples);

  it('votes for the class whose boxes a new box lies among', () => {
    for (const label of ['red', 'blue'] as const) {
      const other = label === 'red' ? 'blue' : 'red';
      for (let trial = 0; trial < 5; trial++) {
        const votes = neighbours.votes(near(CENTRES[label], 0.2));
        expect(votes[label], `${label} trial ${trial}`).to.be.above(0.8);
        expect(votes[other] ?? 0).to.be.below(0.2);
      }
    }
  });

  it('shares the votes out so they sum to 1', () => {
    for (const point of [near(CENTRES.red), near(CENTRES.blue), near(new Float32Array(WIDTH).fill(1.5), 1)]) {
      const votes = neighbours.votes(point);
      expect(Object.keys(votes).length).to.be.at.least(1);
      expect(sumOf(votes)).to.be.closeTo(1, 1e-6);
      for (const share of Object.values(votes)) expect(share).to.be.within(0, 1);
    }
  });

  it('has no votes without examples', () => {
    expect(new BoxNeighbours([]).votes(centre(true))).to.deep.equal({});
  });
});
