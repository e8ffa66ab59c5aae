import { expect } from '@esm-bundle/chai';
import { decodeDetections } from './decode.ts';

describe('decodeDetections', () => {
  const labels = [null, 'ball', 'cat'];
  // Three candidates × three columns; column 0 is unused.
  const scores = [0.9, 0.8, 0.1, 0.9, 0.7, 0.6, 0.9, 0.2, 0.95];
  const boxes = [0, 0, 0.5, 0.5, 0.05, 0.05, 0.5, 0.5, -0.1, 0.5, 0.5, 1.2];
  const base = { labels, threshold: 0.5, width: 200, height: 100, iouThreshold: 0.5, maxDetections: 10 };

  it('thresholds, maps corners to pixels (clipped) and suppresses overlaps within a label', () => {
    const detections = decodeDetections(scores, boxes, base);
    expect(detections.map((d) => [d.label, d.score])).to.deep.equal([
      ['cat', 0.95],
      ['ball', 0.8],
      ['cat', 0.6],
    ]);
    expect(detections[0]?.box).to.deep.equal([100, 0, 100, 50]);
    expect(detections[1]?.box).to.deep.equal([0, 0, 100, 50]);
  });

  it('reports only the asked columns and honours maxDetections', () => {
    expect(decodeDetections(scores, boxes, { ...base, columns: [1] }).map((d) => d.score)).to.deep.equal([0.8]);
    expect(decodeDetections(scores, boxes, { ...base, maxDetections: 1 })).to.have.length(1);
  });
});
