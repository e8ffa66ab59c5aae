import { expect } from '@esm-bundle/chai';
import { averagePrecision, evaluate, evaluateSubset, type ImageResult, sizeOf } from './evaluation.ts';
import type { Box } from './geometry.ts';

const ball = (x: number, score = 1) => ({
  box: [x, 0, 10, 10] as [number, number, number, number],
  score,
  label: 'ball',
});
const truth = (x: number) => ({ box: [x, 0, 10, 10] as [number, number, number, number], label: 'ball' });

describe('evaluation', () => {
  it('is 1 for perfect detections and 0 when nothing matches', () => {
    const perfect: ImageResult[] = [{ truths: [truth(0), truth(50)], detections: [ball(0, 0.9), ball(50, 0.8)] }];
    expect(averagePrecision(perfect, 'ball')).to.equal(1);
    const wrong: ImageResult[] = [{ truths: [truth(0)], detections: [ball(100, 0.9)] }];
    expect(averagePrecision(wrong, 'ball')).to.equal(0);
  });

  it('integrates the interpolated precision/recall curve', () => {
    // Ranked: TP (0.9), FP (0.8), TP (0.7) over 3 truths → recall steps 1/3 at P=1 and 2/3 at P=2/3.
    const images: ImageResult[] = [
      { truths: [truth(0), truth(50), truth(200)], detections: [ball(0, 0.9), ball(120, 0.8), ball(50, 0.7)] },
    ];
    expect(averagePrecision(images, 'ball')).to.be.closeTo(1 / 3 + (1 / 3) * (2 / 3), 1e-12);
  });

  it('counts a duplicate detection of one ball as a false positive, and uses the IoU threshold', () => {
    const images: ImageResult[] = [{ truths: [truth(0)], detections: [ball(0, 0.9), ball(1, 0.8)] }];
    expect(evaluate(images).precision).to.equal(0.5);
    // Shifted by 4 px: IoU = 60/140 ≈ 0.43, a miss at 0.5 but a hit at 0.4.
    const shifted: ImageResult[] = [{ truths: [truth(0)], detections: [ball(4, 0.9)] }];
    expect(evaluate(shifted, { iouThreshold: 0.5 }).mAP).to.equal(0);
    expect(evaluate(shifted, { iouThreshold: 0.4 }).mAP).to.equal(1);
  });

  it('measures precision and recall at the score threshold only', () => {
    const images: ImageResult[] = [
      { truths: [truth(0), truth(50)], detections: [ball(0, 0.9), ball(50, 0.3), ball(300, 0.6)] },
    ];
    const metrics = evaluate(images, { scoreThreshold: 0.5 });
    expect(metrics.precision).to.equal(0.5);
    expect(metrics.recall).to.equal(0.5);
  });
});

describe('evaluateSubset', () => {
  const ball = (x: number, size = 20) => ({ box: [x, 0, size, size] as Box, label: 'ball' });
  const det = (x: number, score: number, size = 20) => ({ box: [x, 0, size, size] as Box, score, label: 'ball' });
  const images = [
    { truths: [ball(0), ball(100, 200)], detections: [det(100, 0.9, 200), det(0, 0.4), det(500, 0.7)] },
    { truths: [ball(0)], detections: [] },
  ];

  it('scores one subset, ignoring matches of balls outside it but keeping false alarms', () => {
    const small = evaluateSubset(images, 'ball', (truth) => sizeOf(truth.box) === 'small');
    expect(small.truths).to.equal(2);
    // Ranked: 0.9 (a large ball: ignored), 0.7 (false alarm), 0.4 (small ball): precision ½ at recall ½.
    expect(small.ap).to.be.closeTo(0.25, 1e-9);
    expect(small.recall).to.equal(0);
    const large = evaluateSubset(images, 'ball', (truth) => sizeOf(truth.box) === 'large');
    expect(large).to.deep.equal({ truths: 1, ap: 1, recall: 1 });
  });

  it('buckets boxes by area like COCO', () => {
    expect([
      sizeOf([0, 0, 31, 31]),
      sizeOf([0, 0, 32, 32]),
      sizeOf([0, 0, 95, 96]),
      sizeOf([0, 0, 96, 96]),
    ]).to.deep.equal(['small', 'medium', 'medium', 'large']);
  });
});

describe('evaluate on photos without balls', () => {
  it('counts every confident detection as a false alarm', () => {
    const images = [
      { truths: [], detections: [{ box: [0, 0, 10, 10] as Box, score: 0.6, label: 'ball' }] },
      { truths: [], detections: [{ box: [0, 0, 10, 10] as Box, score: 0.2, label: 'ball' }] },
    ];
    const metrics = evaluate(images, { scoreThreshold: 0.5 });
    expect(metrics.falseAlarms).to.equal(1);
    expect(metrics.precision).to.equal(0);
  });
});
