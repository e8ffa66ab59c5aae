import { expect } from '@esm-bundle/chai';
import { fitRect } from './fit-rect.ts';

describe('fitRect', () => {
  it('letterboxes a landscape frame in a portrait box with contain', () => {
    expect(fitRect(640, 480, 360, 640, 'contain')).to.deep.equal({ x: 0, y: 185, scale: 0.5625 });
  });

  it('crops with cover, centring the frame', () => {
    const rect = fitRect(640, 480, 360, 640, 'cover');
    expect(rect.scale).to.be.closeTo(4 / 3, 1e-12);
    expect(rect.x).to.be.closeTo(-246.6667, 1e-3);
    expect(rect.y).to.equal(0);
  });

  it('is the identity for a box of the frame’s own size', () => {
    expect(fitRect(1920, 1080, 1920, 1080, 'cover')).to.deep.equal({ x: 0, y: 0, scale: 1 });
  });
});
