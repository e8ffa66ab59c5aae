import { expect } from '@esm-bundle/chai';
import { type Box, iou } from '../model/geometry.ts';
import type { LabeledBox, StoredImage } from './dataset-store.ts';
import {
  applyFix,
  type Decision,
  FIX_ACTIONS,
  FIXES_FOR,
  pendingSuspects,
  REVIEW_FROM,
  reviewOrder,
  suspectsPerContributor,
} from './label-review.ts';
import { check, image, suspect } from './review-fixtures.ts';
import type { PhotoSuspect } from './suspect-ranking.ts';

// The labelled box the suspects are about, and boxes that must not be mistaken for it: one of another
// class at the very same place, one of the same class a little beside it (IoU 0.92 < 0.95), one far away.
const TARGET: Box = [10, 10, 50, 50];
const NEAR: LabeledBox = { box: [12, 10, 50, 50], label: 'ball' };
const OTHER_CLASS: LabeledBox = { box: [10, 10, 50, 50], label: 'cube' };
const FAR: LabeledBox = { box: [200, 200, 40, 40], label: 'ball' };
const photoBoxes = (): LabeledBox[] => [NEAR, OTHER_CLASS, { box: [...TARGET] as Box, label: 'ball' }, FAR];
/** The suspect's copy of the box, off by half a pixel (IoU 0.98): still the same box. */
const ABOUT_TARGET: Box = [10.5, 10, 50, 50];
const SNAPPED: Box = [20, 15, 50, 50];

describe('label review (教師チェック: the review queue)', () => {
  describe('applyFix', () => {
    it('uses boxes that tell the matching rule apart', () => {
      expect(iou(NEAR.box, TARGET)).to.be.lessThan(0.95);
      expect(iou(NEAR.box, TARGET)).to.be.greaterThan(0.5);
      expect(iou(ABOUT_TARGET, TARGET)).to.be.at.least(0.95);
      expect(iou(SNAPPED, TARGET)).to.be.lessThan(0.95);
    });

    it('adds the suggested box and label for a missed ball', () => {
      const boxes = photoBoxes();
      const missed = suspect('a', 'missed', [300, 300, 30, 30], 0.9, {
        suggestion: { box: [301, 302, 31, 29], label: 'cube', score: 0.9 },
      });
      const fixed = applyFix(boxes, missed, 'add');
      expect(fixed).to.deep.equal([...photoBoxes(), { box: [301, 302, 31, 29], label: 'cube' }]);
      // A copy of the suggestion's box, not the suspect's own array.
      expect(fixed[4]?.box).to.not.equal(missed.suggestion?.box);
    });

    it('adds the suspect’s own box when it has no suggestion', () => {
      const fixed = applyFix([], suspect('a', 'missed', [300, 300, 30, 30], 0.9), 'add');
      expect(fixed).to.deep.equal([{ box: [300, 300, 30, 30], label: 'ball' }]);
    });

    it('deletes exactly the box the suspect is about, and nothing else', () => {
      const fixed = applyFix(photoBoxes(), suspect('a', 'extra', ABOUT_TARGET, 0.9, { boxIndex: 2 }), 'delete');
      expect(fixed).to.deep.equal([NEAR, OTHER_CLASS, FAR]);
    });

    it('deletes nothing when no box of the suspect’s class is at its place', () => {
      const boxes = photoBoxes();
      const elsewhere = suspect('a', 'extra', [400, 300, 50, 50], 0.9);
      expect(applyFix(boxes, elsewhere, 'delete')).to.deep.equal(boxes);
      const wrongClass = suspect('a', 'extra', [200, 200, 40, 40], 0.9, { label: 'cube' });
      expect(applyFix(boxes, wrongClass, 'delete')).to.deep.equal(boxes);
    });

    it('snaps the box to the suggestion, keeping its label and the other boxes', () => {
      const loose = suspect('a', 'loose', ABOUT_TARGET, 0.8, {
        boxIndex: 2,
        suggestion: { box: SNAPPED, label: 'ball', score: 0.8 },
      });
      const fixed = applyFix(photoBoxes(), loose, 'snap');
      expect(fixed).to.deep.equal([NEAR, OTHER_CLASS, { box: SNAPPED, label: 'ball' }, FAR]);
      expect(fixed[2]?.box).to.not.equal(SNAPPED);
    });

    it('takes the suggested class, keeping the box', () => {
      const wrong = suspect('a', 'class', ABOUT_TARGET, 0.7, {
        boxIndex: 2,
        suggestion: { box: ABOUT_TARGET, label: 'cube', score: 0.7 },
      });
      const fixed = applyFix(photoBoxes(), wrong, 'class');
      expect(fixed).to.deep.equal([NEAR, OTHER_CLASS, { box: TARGET, label: 'cube' }, FAR]);
    });

    it('snaps nothing without a suggestion', () => {
      const boxes = photoBoxes();
      expect(applyFix(boxes, suspect('a', 'loose', ABOUT_TARGET, 0.8), 'snap')).to.deep.equal(boxes);
      expect(applyFix(boxes, suspect('a', 'class', ABOUT_TARGET, 0.8), 'class')).to.deep.equal(boxes);
    });

    it('keeps the boxes as they are for "keep", in a new array', () => {
      const boxes = photoBoxes();
      const kept = applyFix(boxes, suspect('a', 'extra', ABOUT_TARGET, 0.9), 'keep');
      expect(kept).to.deep.equal(boxes);
      expect(kept).to.not.equal(boxes);
    });

    it('never modifies the boxes it is given', () => {
      const boxes = photoBoxes();
      const before = structuredClone(boxes);
      const suspects: [PhotoSuspect, (typeof FIX_ACTIONS)[number]][] = [
        [suspect('a', 'missed', [300, 300, 30, 30], 0.9), 'add'],
        [suspect('a', 'extra', ABOUT_TARGET, 0.9), 'delete'],
        [suspect('a', 'loose', ABOUT_TARGET, 0.9, { suggestion: { box: SNAPPED, label: 'ball', score: 1 } }), 'snap'],
        [suspect('a', 'class', ABOUT_TARGET, 0.9, { suggestion: { box: TARGET, label: 'cube', score: 1 } }), 'class'],
        [suspect('a', 'extra', ABOUT_TARGET, 0.9), 'keep'],
      ];
      for (const [s, action] of suspects) {
        const fixed = applyFix(boxes, s, action);
        expect(fixed, action).to.not.equal(boxes);
        expect(boxes, action).to.deep.equal(before);
      }
    });

    it('offers "keep" for every kind of suspect, after the likeliest fix', () => {
      for (const [kind, fixes] of Object.entries(FIXES_FOR)) {
        expect(fixes.at(-1), kind).to.equal('keep');
        for (const fix of fixes) expect(FIX_ACTIONS, kind).to.include(fix);
      }
    });
  });

  describe('pendingSuspects', () => {
    const images = [image('a', photoBoxes()), image('b', [FAR])];
    const extra = suspect('a', 'extra', ABOUT_TARGET, 0.9, { boxIndex: 2 });
    const missed = suspect('b', 'missed', [400, 300, 40, 40], 0.8, {
      suggestion: { box: [400, 300, 40, 40], label: 'ball', score: 0.8 },
    });

    it('is empty before the first check', () => {
      expect(pendingSuspects(null, [], images)).to.deep.equal([]);
    });

    it('keeps the standing suspects from REVIEW_FROM on, worst first', () => {
      const atThreshold = suspect('b', 'extra', FAR.box, REVIEW_FROM);
      const below = suspect('b', 'extra', FAR.box, REVIEW_FROM - 0.01);
      expect(pendingSuspects(check([extra, missed, atThreshold, below]), [], images)).to.deep.equal([
        extra,
        missed,
        atThreshold,
      ]);
    });

    it('drops the suspects of photos that are gone', () => {
      const gone = suspect('deleted-photo', 'extra', TARGET, 0.95);
      expect(pendingSuspects(check([gone, extra]), [], images)).to.deep.equal([extra]);
    });

    it('drops the suspects already decided: same photo and kind, and a box overlapping by half', () => {
      const decided: Decision[] = [{ imageId: 'a', kind: 'extra', box: [14, 10, 50, 50], action: 'keep' }];
      expect(iou(decided[0]?.box as Box, extra.box)).to.be.at.least(0.5);
      expect(pendingSuspects(check([extra, missed]), decided, images)).to.deep.equal([missed]);
    });

    it('does not count a decision on another photo, kind or box', () => {
      const others: Decision[] = [
        { imageId: 'b', kind: 'extra', box: ABOUT_TARGET, action: 'keep' },
        { imageId: 'a', kind: 'loose', box: ABOUT_TARGET, action: 'keep' },
        // IoU with the suspect’s box: 20.5 × 50 / (2 × 2500 − 1025) ≈ 0.26.
        { imageId: 'a', kind: 'extra', box: [40, 10, 50, 50], action: 'keep' },
      ];
      expect(pendingSuspects(check([extra, missed]), others, images)).to.deep.equal([extra, missed]);
    });

    it('drops a suspect once its fix is applied to the photo', () => {
      const loose = suspect('a', 'loose', ABOUT_TARGET, 0.8, {
        boxIndex: 2,
        suggestion: { box: SNAPPED, label: 'ball', score: 0.8 },
      });
      const wrongClass = suspect('a', 'class', ABOUT_TARGET, 0.7, {
        boxIndex: 2,
        suggestion: { box: TARGET, label: 'cube', score: 0.7 },
      });
      const cases: [PhotoSuspect, (typeof FIX_ACTIONS)[number]][] = [
        [extra, 'delete'],
        [loose, 'snap'],
        [loose, 'delete'],
        [wrongClass, 'class'],
        [missed, 'add'],
      ];
      for (const [s, action] of cases) {
        const before = images.find((i) => i.id === s.imageId) as StoredImage;
        expect(pendingSuspects(check([s]), [], images), `${s.kind} before ${action}`).to.deep.equal([s]);
        const fixed = images.map((i) => (i === before ? { ...i, boxes: applyFix(i.boxes, s, action) } : i));
        expect(pendingSuspects(check([s]), [], fixed), `${s.kind} after ${action}`).to.deep.equal([]);
      }
    });

    it('keeps a suspect whose photo was left as it was ("keep" is a decision, not an edit)', () => {
      const kept = images.map((i) => ({ ...i, boxes: applyFix(i.boxes, extra, 'keep') }));
      expect(pendingSuspects(check([extra]), [], kept)).to.deep.equal([extra]);
    });

    it('drops a missed ball once any box covers a third of it', () => {
      // IoU with [400, 300, 40, 40]: 30 × 40 / (2 × 1600 − 1200) = 0.6.
      const boxed = [image('b', [FAR, { box: [410, 300, 40, 40], label: 'cube' }])];
      expect(pendingSuspects(check([missed]), [], boxed)).to.deep.equal([]);
    });
  });

  describe('reviewOrder', () => {
    it('lists each photo once, in the order of its worst suspect', () => {
      const pending = [
        suspect('p2', 'extra', TARGET, 0.95),
        suspect('p1', 'missed', TARGET, 0.9),
        suspect('p2', 'loose', TARGET, 0.85),
        suspect('p3', 'class', TARGET, 0.7),
        suspect('p1', 'extra', TARGET, 0.6),
      ];
      expect(reviewOrder(pending)).to.deep.equal(['p2', 'p1', 'p3']);
      expect(reviewOrder([])).to.deep.equal([]);
    });
  });

  describe('suspectsPerContributor', () => {
    it('counts the suspects and photos of each contributor, most suspects first', () => {
      const images = [
        image('a1', [], 'Aki'),
        image('n1', []),
        image('a2', [], 'Aki'),
        image('c1', [], 'Chika'),
        image('b1', [], 'Ben'),
        image('n2', []),
        image('n3', []),
      ];
      const pending = [
        suspect('a1', 'extra', TARGET, 0.9),
        suspect('n1', 'extra', TARGET, 0.9),
        suspect('a2', 'missed', TARGET, 0.8),
        suspect('a1', 'loose', TARGET, 0.7),
        suspect('n2', 'missed', TARGET, 0.6),
      ];
      expect(suspectsPerContributor(pending, images)).to.deep.equal([
        { contributor: 'Aki', suspects: 3, photos: 2 },
        { contributor: '', suspects: 2, photos: 3 },
        // No suspects: still listed, by name.
        { contributor: 'Ben', suspects: 0, photos: 1 },
        { contributor: 'Chika', suspects: 0, photos: 1 },
      ]);
    });

    it('lists nobody without photos', () => {
      expect(suspectsPerContributor([], [])).to.deep.equal([]);
    });
  });
});
