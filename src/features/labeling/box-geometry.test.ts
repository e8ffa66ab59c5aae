import { expect } from '@esm-bundle/chai';
import { boxAt, boxFromDrag, handleAt, handlePoints, moveBox, resizeBox } from './box-geometry.ts';

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

  it('finds the topmost box under a point, and none beside it', () => {
    const boxes: [number, number, number, number][] = [
      [0, 0, 50, 50],
      [20, 20, 50, 50],
    ];
    expect(boxAt(boxes, { x: 30, y: 30 })).to.equal(1);
    expect(boxAt(boxes, { x: 10, y: 10 })).to.equal(0);
    expect(boxAt(boxes, { x: 95, y: 5 })).to.equal(undefined);
  });

  it('grabs the nearest handle within its touch radius, inside or outside the box', () => {
    const box: [number, number, number, number] = [100, 100, 200, 100];
    expect(handleAt(box, { x: 90, y: 92 }, 20)).to.equal('nw');
    expect(handleAt(box, { x: 305, y: 195 }, 20)).to.equal('se');
    expect(handleAt(box, { x: 200, y: 85 }, 20)).to.equal('n');
    expect(handleAt(box, { x: 312, y: 150 }, 20)).to.equal('e');
    // Beside an edge but away from its handles: not a handle (a new box starts there).
    expect(handleAt(box, { x: 305, y: 125 }, 20)).to.equal(undefined);
    expect(handleAt(box, { x: 150, y: 95 }, 20)).to.equal(undefined);
  });

  it('shows edge handles only on sides long enough, and leaves most of a small box for moving it', () => {
    expect(handlePoints([0, 0, 100, 30], 20).map(([h]) => h)).to.deep.equal(['nw', 'ne', 'sw', 'se', 'n', 's']);
    expect(handlePoints([0, 0, 30, 30], 20).map(([h]) => h)).to.deep.equal(['nw', 'ne', 'sw', 'se']);
    const small: [number, number, number, number] = [100, 100, 30, 30];
    expect(handleAt(small, { x: 110, y: 110 }, 20)).to.equal(undefined);
    expect(handleAt(small, { x: 104, y: 104 }, 20)).to.equal('nw');
    expect(handleAt(small, { x: 88, y: 90 }, 20)).to.equal('nw');
  });

  it('resizes from an edge along one axis only', () => {
    expect(resizeBox([10, 10, 20, 20], 'e', 5, 7, bounds)).to.deep.equal([10, 10, 25, 20]);
    expect(resizeBox([10, 10, 20, 20], 'n', 3, -4, bounds)).to.deep.equal([10, 6, 20, 24]);
    expect(resizeBox([10, 10, 20, 20], 'w', 50, 0, bounds)).to.deep.equal([29, 10, 1, 20]);
    expect(resizeBox([10, 10, 20, 20], 's', 0, 100, bounds)).to.deep.equal([10, 10, 20, 70]);
  });
});
