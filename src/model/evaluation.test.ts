import { expect } from '@esm-bundle/chai';
import { averagePrecision, evaluate, type ImageResult } from './evaluation.ts';

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
