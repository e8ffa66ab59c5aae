import { expect } from '@esm-bundle/chai';
import type { Tensor2D } from '@tensorflow/tfjs';
import { loadTf, selectBackend } from '../shared/backend/backends.ts';
import { BOX_SCALES, decodeBoxes } from './ssd-heads.ts';
import { anchorTargets, type NormalisedBox } from './ssd-targets.ts';

type Corners = NormalisedBox['corners'];

const anchorsOf = (corners: readonly Corners[]) => new Float32Array(corners.flat());
const ball = (corners: Corners, classId = 1): NormalisedBox => ({ corners, classId });

// One ball [0, 0, 0.625, 1] and full-width anchors inside it: the IoU is then height / 0.625, and
// every height below is a binary fraction, so 0.5 and 0.4 are hit exactly (also in float32).
const BALL = ball([0, 0, 0.625, 1], 3);
const BAND_HEIGHTS = [
  0.625, // IoU 1: the ball's best anchor
  0.3125, // IoU exactly 0.5: positive (the threshold is inclusive)
  0.3125 - 1 / 1024, // IoU 0.498: just below the match threshold → ignored
  0.28125, // IoU 0.45: in the band → ignored
  0.25, // IoU exactly 0.4: the band's lower edge is inclusive → ignored
  0.25 - 1 / 1024, // IoU 0.398: just below the band → background
  0.125, // IoU 0.2 → background
];
const bandAnchors = anchorsOf([...BAND_HEIGHTS.map((h): Corners => [0, 0, h, 1]), [0.75, 0, 1, 1]]);

describe('anchorTargets: matching', () => {
  it('makes anchors with IoU ≥ 0.5 positive and ignores the 0.4…0.5 band', () => {
    const targets = anchorTargets(bandAnchors, [BALL]);
    expect(Array.from(targets.classes)).to.deep.equal([3, 3, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(targets.ignored)).to.deep.equal([0, 0, 1, 1, 1, 0, 0, 0]);
    expect(targets.positives).to.equal(2);
  });

  it('gives every ball its best anchor, even below the match threshold', () => {
    // A small ball: its best anchor overlaps it with IoU 0.25 only, the other one with IoU 0.0625.
    const anchors = anchorsOf([
      [0, 0, 0.5, 0.5],
      [0, 0, 1, 1],
      [0.5, 0.5, 1, 1],
    ]);
    const targets = anchorTargets(anchors, [ball([0, 0, 0.25, 0.25], 2)]);
    expect(Array.from(targets.classes)).to.deep.equal([2, 0, 0]);
    expect(Array.from(targets.ignored)).to.deep.equal([0, 0, 0]);
    expect(targets.positives).to.equal(1);
  });

  it('a forced best anchor in the ignore band counts as positive, not ignored', () => {
    // The only overlapping anchor has IoU 0.45 with the ball: it must train on it.
    const anchors = anchorsOf([
      [0, 0, 0.28125, 1],
      [0.75, 0, 1, 1],
    ]);
    const targets = anchorTargets(anchors, [BALL]);
    expect(Array.from(targets.classes)).to.deep.equal([3, 0]);
    expect(Array.from(targets.ignored)).to.deep.equal([0, 0]);
  });

  it('assigns an anchor to the ball it overlaps most, and a ball’s best anchor to that ball', () => {
    // Two overlapping balls, B shifted right of A by 0.125. Anchor 2 lies between them, nearer B.
    const a = ball([0, 0, 0.5, 0.5], 1);
    const b = ball([0, 0.125, 0.5, 0.625], 2);
    const anchors = anchorsOf([
      a.corners, // IoU 1 with A, 0.6 with B: A's best anchor stays A's
      b.corners, // IoU 0.6 with A, 1 with B: B wins although A came first
      [0, 0.09375, 0.5, 0.59375], // IoU 0.68 with A, 0.88 with B
      [0, 0.5, 0.5, 1], // IoU 0.14 with B, touches A: background
    ]);
    for (const boxes of [
      [a, b],
      [b, a],
    ]) {
      const targets = anchorTargets(anchors, boxes);
      expect(Array.from(targets.classes), `order ${boxes.map((x) => x.classId)}`).to.deep.equal([1, 2, 2, 0]);
      expect(targets.positives).to.equal(3);
    }
  });

  it('an anchor in one ball’s band but matched to another ball is not ignored', () => {
    // Anchor 0 has IoU 0.45 with the first ball and is the second ball's best anchor.
    const anchors = anchorsOf([
      [0, 0, 0.28125, 1],
      [0, 0, 0.625, 1],
    ]);
    const targets = anchorTargets(anchors, [BALL, ball([0, 0, 0.28125, 1], 5)]);
    expect(Array.from(targets.classes)).to.deep.equal([5, 3]);
    expect(Array.from(targets.ignored)).to.deep.equal([0, 0]);
  });

  // Limitation, not fixed here: the header promises every ball "claims its single best anchor", but
  // when two balls share their best anchor the later one takes it and the earlier ball is left with
  // no positive anchor at all, although another anchor overlaps it (a bipartite or "next best"
  // forced match would keep it). Two small balls side by side in one grid cell hit this.
  it.skip('two balls with the same best anchor both keep a positive anchor (currently the first loses)', () => {
    const anchors = anchorsOf([
      [0, 0, 0.5, 0.5],
      [0, 0, 1, 1],
    ]);
    const targets = anchorTargets(anchors, [ball([0, 0, 0.1, 0.1], 1), ball([0.1, 0.1, 0.2, 0.2], 2)]);
    expect([...new Set(targets.classes)].filter(Boolean).sort()).to.deep.equal([1, 2]);
  });

  it('without balls every anchor is background with zero encodings', () => {
    const targets = anchorTargets(bandAnchors, []);
    expect(targets.positives).to.equal(0);
    expect(targets.classes.every((c) => c === 0)).to.equal(true);
    expect(targets.ignored.every((i) => i === 0)).to.equal(true);
    expect(targets.encodings.every((e) => e === 0)).to.equal(true);
    expect(targets.encodings).to.have.length(bandAnchors.length);
  });

  it('leaves background and ignored anchors with zero encodings, and encodes the positives', () => {
    const targets = anchorTargets(bandAnchors, [BALL]);
    const encoding = (a: number) => Array.from(targets.encodings.subarray(a * 4, a * 4 + 4));
    for (let a = 2; a < targets.classes.length; a++) expect(encoding(a), `anchor ${a}`).to.deep.equal([0, 0, 0, 0]);
    // Anchor 1 has the ball's width but half its height, its centre 0.15625 above the ball's.
    const [ty, tx, th, tw] = encoding(1);
    expect(ty).to.be.closeTo((10 * 0.15625) / 0.3125, 1e-5);
    expect(tx).to.equal(0);
    expect(th).to.be.closeTo(5 * Math.log(2), 1e-5);
    expect(tw).to.equal(0);
  });
});

describe('anchorTargets: box encoding', () => {
  it('encodes centre offsets ×10 and log sizes ×5 relative to the anchor', () => {
    // Anchor: centre (0.25, 0.25), 0.5 × 0.5. Ball: centre (0.25, 0.5), 0.25 high, 0.5 wide.
    const targets = anchorTargets(anchorsOf([[0, 0, 0.5, 0.5]]), [ball([0.125, 0.25, 0.375, 0.75])]);
    const [ty, tx, th, tw] = Array.from(targets.encodings);
    expect(BOX_SCALES).to.deep.equal([10, 10, 5, 5]);
    expect(ty).to.be.closeTo(0, 1e-6);
    expect(tx).to.be.closeTo((10 * 0.25) / 0.5, 1e-6);
    expect(th).to.be.closeTo(5 * Math.log(0.5), 1e-6);
    expect(tw).to.be.closeTo(0, 1e-6);
  });

  it('an anchor identical to its ball encodes to zeros', () => {
    const targets = anchorTargets(anchorsOf([[0.1, 0.2, 0.4, 0.9]]), [ball([0.1, 0.2, 0.4, 0.9])]);
    for (const e of targets.encodings) expect(Math.abs(e)).to.be.below(1e-5);
  });
});

describe('anchorTargets ↔ decodeBoxes', () => {
  // A small SSD-like anchor set: a 4×4 grid with three shapes per cell, plus two large anchors.
  const grid: Corners[] = [];
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 4; col++) {
      const cy = (row + 0.5) / 4;
      const cx = (col + 0.5) / 4;
      for (const [h, w] of [
        [0.25, 0.25],
        [0.35, 0.18],
        [0.18, 0.35],
      ] as const)
        grid.push([cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2]);
    }
  }
  grid.push([0, 0, 1, 1], [0.1, 0.1, 0.9, 0.9]);
  const anchors = anchorsOf(grid);
  const balls = [
    ball([0.05, 0.1, 0.3, 0.32], 1),
    ball([0.52, 0.55, 0.97, 0.95], 2),
    ball([0.4, 0.02, 0.46, 0.08], 1), // tiny: only its forced anchor
    ball([0.05, 0.05, 0.95, 0.9], 3), // nearly the whole image
  ];

  before(async () => {
    await selectBackend('cpu');
  });

  it('decoding the encodings of every positive anchor gives back its ball, without leaking tensors', async () => {
    const tf = await loadTf();
    const targets = anchorTargets(anchors, balls);
    expect(targets.positives).to.be.at.least(balls.length);
    const before = tf.memory().numTensors;
    const anchorTensor = tf.tensor2d(anchors, [grid.length, 4]) as Tensor2D;
    const encodingTensor = tf.tensor3d(targets.encodings, [1, grid.length, 4]);
    const decoded = decodeBoxes(tf, anchorTensor, encodingTensor);
    expect(decoded.shape).to.deep.equal([1, grid.length, 4]);
    const corners = await decoded.data();
    tf.dispose([anchorTensor, encodingTensor, decoded]);
    expect(tf.memory().numTensors).to.equal(before);

    const claimed = new Set<number>();
    for (let a = 0; a < grid.length; a++) {
      const classId = targets.classes[a] as number;
      if (!classId) continue;
      const got = Array.from(corners.subarray(a * 4, a * 4 + 4));
      // The class says which ball it matched; the decoded box must be exactly that ball.
      const match = balls.findIndex(
        (b) => b.classId === classId && b.corners.every((v, k) => Math.abs(v - (got[k] as number)) < 1e-5),
      );
      expect(match, `anchor ${a} decodes to ${got.map((v) => v.toFixed(4))}`).to.be.at.least(0);
      claimed.add(match);
    }
    // Every ball, the tiny one included, is the target of at least one anchor.
    expect([...claimed].sort()).to.deep.equal([0, 1, 2, 3]);
  });

  it('zero encodings decode to the anchors themselves, for a batch of two', async () => {
    const tf = await loadTf();
    const before = tf.memory().numTensors;
    const result = tf.tidy(() =>
      decodeBoxes(tf, tf.tensor2d(anchors, [grid.length, 4]) as Tensor2D, tf.zeros([2, grid.length, 4])),
    );
    const values = await result.data();
    result.dispose();
    expect(tf.memory().numTensors).to.equal(before);
    for (let i = 0; i < values.length; i++)
      expect(values[i]).to.be.closeTo(anchors[i % anchors.length] as number, 1e-6);
  });
});
