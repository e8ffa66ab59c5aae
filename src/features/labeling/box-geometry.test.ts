import { expect } from '@esm-bundle/chai';
import { boxFromDrag, hitTest, moveBox, resizeBox } from './box-geometry.ts';

const bounds = { width: 100, height: 80 };

describe('box geometry', () => {
  it('builds a box from a drag in any direction, clipped to the image', () => {
    expect(boxFromDrag({ x: 50, y: 40 }, { x: 10, y: 20 }, bounds)).to.deep.equal([10, 20, 40, 20]);
    expect(boxFromDrag({ x: 90, y: 70 }, { x: 150, y: -5 }, bounds)).to.deep.equal([90, 0, 10, 70]);
  });

  it('moves a box but keeps it inside the image', () => {
    expect(moveBox([10, 10, 20, 20], 5, -3, bounds)).to.deep.equal([15, 7, 20, 20]);
    expect(moveBox([10, 10, 20, 20], 500, 500, bounds)).to.deep.equal([80, 60, 20, 20]);
  });

  it('resizes from a corner without flipping or leaving the image', () => {
    expect(resizeBox([10, 10, 20, 20], 'se', 5, 5, bounds)).to.deep.equal([10, 10, 25, 25]);
    expect(resizeBox([10, 10, 20, 20], 'nw', 30, 30, bounds)).to.deep.equal([29, 29, 1, 1]);
    expect(resizeBox([10, 10, 20, 20], 'ne', 100, -100, bounds)).to.deep.equal([10, 0, 90, 30]);
  });

  it('finds handles before bodies, topmost box first', () => {
    const boxes: [number, number, number, number][] = [
      [0, 0, 50, 50],
      [20, 20, 50, 50],
    ];
    expect(hitTest(boxes, { x: 30, y: 30 }, 3)).to.deep.equal({ index: 1, part: 'body' });
    expect(hitTest(boxes, { x: 49, y: 51 }, 3)).to.deep.equal({ index: 0, part: 'se' });
    expect(hitTest(boxes, { x: 95, y: 5 }, 3)).to.equal(undefined);
  });

  it('resizes from an edge along one axis only', () => {
    expect(resizeBox([10, 10, 20, 20], 'e', 5, 7, bounds)).to.deep.equal([10, 10, 25, 20]);
    expect(resizeBox([10, 10, 20, 20], 'n', 3, -4, bounds)).to.deep.equal([10, 6, 20, 24]);
    expect(resizeBox([10, 10, 20, 20], 'w', 50, 0, bounds)).to.deep.equal([29, 10, 1, 20]);
    expect(resizeBox([10, 10, 20, 20], 's', 0, 100, bounds)).to.deep.equal([10, 10, 20, 70]);
  });

  it('finds edges anywhere along them, but not on boxes too small to also move', () => {
    const boxes: [number, number, number, number][] = [[10, 10, 60, 60]];
    expect(hitTest(boxes, { x: 40, y: 11 }, 3)).to.deep.equal({ index: 0, part: 'n' });
    expect(hitTest(boxes, { x: 70, y: 25 }, 3)).to.deep.equal({ index: 0, part: 'e' });
    expect(hitTest(boxes, { x: 40, y: 40 }, 3)).to.deep.equal({ index: 0, part: 'body' });
    expect(hitTest([[10, 10, 8, 8]], { x: 14, y: 10 }, 3)).to.deep.equal({ index: 0, part: 'body' });
  });
});
