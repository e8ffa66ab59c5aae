import { expect } from '@esm-bundle/chai';
import { type Detection, iou, nonMaxSuppression, toSourceBox } from './geometry.ts';

describe('iou', () => {
  it('is 1 for identical boxes, 0 for disjoint or touching ones, and exact in between', () => {
    expect(iou([10, 10, 20, 20], [10, 10, 20, 20])).to.equal(1);
    expect(iou([0, 0, 10, 10], [10, 0, 10, 10])).to.equal(0);
    expect(iou([0, 0, 10, 10], [50, 50, 10, 10])).to.equal(0);
    // 5×10 overlap = 50; union = 100 + 100 - 50.
    expect(iou([0, 0, 10, 10], [5, 0, 10, 10])).to.be.closeTo(50 / 150, 1e-12);
    expect(iou([0, 0, 0, 10], [0, 0, 0, 10])).to.equal(0);
  });
});

describe('nonMaxSuppression', () => {
  const ball = (box: Detection['box'], score: number, label = 'sports ball'): Detection => ({ box, score, label });

  it('keeps the best of overlapping boxes of one label', () => {
    const kept = nonMaxSuppression(
      [ball([0, 0, 100, 100], 0.6), ball([5, 5, 100, 100], 0.9), ball([300, 0, 50, 50], 0.4)],
      0.5,
      10,
    );
    expect(kept.map((d) => d.score)).to.deep.equal([0.9, 0.4]);
  });

  it('keeps overlapping objects of different classes', () => {
    const player = ball([0, 0, 200, 400], 0.9, 'person');
    const footBall = ball([0, 0, 200, 380], 0.3);
    expect(nonMaxSuppression([player, footBall], 0.5, 10)).to.deep.equal([player, footBall]);
  });

  it('uses the IoU threshold, not the score threshold', () => {
    // IoU of these two is 0.333: below 0.5 both stay, even at a tiny score threshold upstream.
    const kept = nonMaxSuppression([ball([0, 0, 10, 10], 0.02), ball([5, 0, 10, 10], 0.015)], 0.5, 10);
    expect(kept).to.have.length(2);
    expect(nonMaxSuppression([ball([0, 0, 10, 10], 0.02), ball([5, 0, 10, 10], 0.015)], 0.3, 10)).to.have.length(1);
  });

  it('caps the number of detections', () => {
    const many = Array.from({ length: 30 }, (_, i) => ball([i * 20, 0, 10, 10], i / 30));
    expect(nonMaxSuppression(many, 0.5, 5)).to.have.length(5);
  });
});

describe('toSourceBox', () => {
  it('maps normalised corners to pixels on landscape and portrait frames', () => {
    const corners = [0.25, 0.1, 0.75, 0.3]; // ymin, xmin, ymax, xmax
    expect(toSourceBox(corners, 0, 640, 480)).to.deep.equal([64, 120, 128, 240]);
    expect(toSourceBox(corners, 0, 480, 640)).to.deep.equal([48, 160, 96, 320]);
  });

  it('reads at an offset and clips to the frame', () => {
    expect(toSourceBox([9, 9, 9, 9, -0.1, 0.5, 0.5, 1.2], 4, 100, 200)).to.deep.equal([50, 0, 50, 100]);
  });
});
