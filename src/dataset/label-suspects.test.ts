import { expect } from '@esm-bundle/chai';
import { type Box, type Detection, iou } from '../model/geometry.ts';
import type { LabeledBox } from './dataset-store.ts';
import { findSuspects, type Judgement, photoQuality, REPORT_FROM } from './label-suspects.ts';

const ball = (box: Box, score: number): Detection => ({ box, score, label: 'ball' });
const label = (box: Box, name = 'ball'): LabeledBox => ({ box, label: name });
const judged = (balls: Detection[], extra: Partial<Judgement> = {}): Judgement => ({
  balls,
  usualClass: 'ball',
  ...extra,
});

describe('label suspects (教師チェック)', () => {
  it('names a confident detection that no label covers as a missed ball', () => {
    const detection = ball([100, 100, 50, 50], 0.9);
    // A well-covered label elsewhere in the photo raises nothing.
    const labels = [label([400, 300, 60, 60])];
    const suspects = findSuspects(labels, judged([detection, ball([400, 300, 60, 60], 0.95)]));
    expect(suspects).to.have.length(1);
    const [missed] = suspects;
    expect(missed?.kind).to.equal('missed');
    expect(missed?.box).to.deep.equal(detection.box);
    expect(missed?.label).to.equal('ball');
    expect(missed?.score).to.be.closeTo(0.9, 1e-9);
    expect(missed?.boxIndex).to.equal(undefined);
  });

  it('labels a missed ball with the class the model sees when it knows one', () => {
    const suspects = findSuspects([], judged([ball([100, 100, 50, 50], 0.9)], { ballClasses: ['cube'] }));
    expect(suspects.map((s) => [s.kind, s.label, s.suggestion?.label])).to.deep.equal([['missed', 'cube', 'cube']]);
  });

  it('names a label that no detection comes near as extra, with full certainty', () => {
    const far = ball([500, 400, 40, 40], 0.1);
    const suspects = findSuspects([label([50, 50, 80, 80])], judged([far]));
    expect(suspects).to.have.length(1);
    expect(suspects[0]).to.deep.include({ kind: 'extra', boxIndex: 0, box: [50, 50, 80, 80] });
    expect(suspects[0]?.score).to.be.closeTo(1, 1e-9);
  });

  it('names a label shifted off its ball as loose and suggests the detection, not a missed ball', () => {
    const labelBox: Box = [100, 100, 100, 100];
    // 40% of the box's size sideways, then diagonally (an overlap too small to count as covering the ball).
    for (const detectionBox of [[140, 100, 100, 100] as Box, [140, 140, 100, 100] as Box]) {
      const overlap = iou(labelBox, detectionBox);
      expect(overlap).to.be.within(0.1, 0.5);
      const suspects = findSuspects([label(labelBox)], judged([ball(detectionBox, 0.9)]));
      expect(
        suspects.map((s) => s.kind),
        `at IoU ${overlap}`,
      ).to.deep.equal(['loose']);
      expect(suspects[0]?.boxIndex).to.equal(0);
      expect(suspects[0]?.box).to.deep.equal(labelBox);
      expect(suspects[0]?.suggestion?.box).to.deep.equal(detectionBox);
      expect(suspects[0]?.suggestion?.label).to.equal('ball');
    }
  });

  it('raises nothing about a well-covered label; a photo without suspects has quality 1', () => {
    const labelBox: Box = [100, 100, 100, 100];
    const detectionBox: Box = [102, 101, 100, 100];
    expect(iou(labelBox, detectionBox)).to.be.above(0.8);
    const suspects = findSuspects([label(labelBox)], judged([ball(detectionBox, 0.95)]));
    expect(suspects).to.deep.equal([]);
    expect(photoQuality(suspects)).to.equal(1);
  });

  it('rates a photo by its worst suspect', () => {
    const suspects = findSuspects([label([50, 50, 80, 80])], judged([ball([300, 300, 50, 50], 0.6)]));
    expect(suspects).to.have.length(2);
    expect(photoQuality(suspects)).to.be.closeTo(0, 1e-9);
    expect(photoQuality(suspects.filter((s) => s.kind === 'missed'))).to.be.closeTo(0.4, 1e-9);
  });

  it('names a well-covered label the neighbours vote another class as a class mistake', () => {
    const labelBox: Box = [100, 100, 100, 100];
    const labelVotes = [{ ball: 0.1, cube: 0.9 }];
    const suspects = findSuspects([label(labelBox)], judged([ball([102, 101, 100, 100], 0.95)], { labelVotes }));
    expect(suspects.map((s) => s.kind)).to.deep.equal(['class']);
    expect(suspects[0]?.label).to.equal('ball');
    expect(suspects[0]?.suggestion?.label).to.equal('cube');
    expect(suspects[0]?.suggestion?.box).to.deep.equal(labelBox);
    expect(suspects[0]?.score).to.be.closeTo(0.9 * 0.9, 1e-9);
  });

  it('raises no class mistake when the own class wins the vote', () => {
    const labelVotes = [{ ball: 0.7, cube: 0.3 }];
    const detections = [ball([102, 101, 100, 100], 0.95)];
    expect(findSuspects([label([100, 100, 100, 100])], judged(detections, { labelVotes }))).to.deep.equal([]);
  });

  it('lists the suspects surest first and leaves out those below REPORT_FROM', () => {
    const labels = [
      label([50, 50, 80, 80]), // no ball anywhere: extra, 1
      label([300, 50, 100, 100]), // its ball 40% down and right: loose, 0.7
      label([300, 300, 100, 100]), // a doubtful ball right on it: extra, 0.4
      label([150, 200, 60, 60]), // a sure ball right on it: extra, 0.1, not reported
    ];
    const weak = ball([50, 350, 40, 40], 0.15); // missed, 0.15, not reported
    const balls = [
      ball([340, 90, 100, 100], 0.7),
      ball([500, 300, 60, 60], 0.45), // missed, 0.45
      ball([300, 300, 100, 100], 0.6),
      ball([150, 200, 60, 60], 0.9),
      weak,
    ];
    const suspects = findSuspects(labels, judged(balls));
    expect(suspects.map((s) => s.kind)).to.deep.equal(['extra', 'loose', 'missed', 'extra']);
    expect(suspects.map((s) => s.boxIndex)).to.deep.equal([0, 1, undefined, 2]);
    const scores = suspects.map((s) => s.score);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
    for (const score of scores) expect(score).to.be.at.least(REPORT_FROM);
    expect(suspects.some((s) => s.box === weak.box)).to.equal(false);
  });
});
