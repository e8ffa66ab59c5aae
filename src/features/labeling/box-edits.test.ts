import { expect } from '@esm-bundle/chai';
import { boxAfterArrowKey, draggedBox, duplicateOf, startDrag, withBox } from './box-edits.ts';

const bounds = { width: 100, height: 80 };
const boxes = [
  { box: [10, 10, 40, 40] as [number, number, number, number], label: 'ball' },
  { box: [60, 40, 20, 20] as [number, number, number, number], label: 'テニスボール' },
];

describe('box edits', () => {
  it('changes only the selected box, from its handles or inside; anywhere else it draws', () => {
    // Selected: inside moves it, a corner's touch area (also just outside the box) resizes it.
    expect(startDrag(boxes, 0, [], { x: 30, y: 30 }, 2)).to.deep.include({ kind: 'move', index: 0 });
    expect(startDrag(boxes, 1, [], { x: 81, y: 61 }, 2)).to.deep.include({ kind: 'se', index: 1 });
    // Not selected: pressing inside or right beside a box draws a new one, remembering what a tap would pick.
    expect(startDrag(boxes, undefined, [], { x: 30, y: 30 }, 2)).to.deep.equal({
      kind: 'draw',
      start: { x: 30, y: 30 },
      current: { x: 30, y: 30 },
      box: 0,
    });
    expect(startDrag(boxes, undefined, [], { x: 81, y: 61 }, 2)).to.deep.include({ kind: 'draw' });
    expect(startDrag(boxes, 0, [], { x: 81, y: 61 }, 2)).to.deep.include({ kind: 'draw' });
    const suggestion = { box: [0, 60, 10, 10] as [number, number, number, number], label: 'ball', score: 0.5 };
    expect(startDrag(boxes, undefined, [suggestion], { x: 5, y: 65 }, 2)).to.deep.equal({
      kind: 'draw',
      start: { x: 5, y: 65 },
      current: { x: 5, y: 65 },
      suggestion: 0,
    });
    expect(startDrag(boxes, undefined, [suggestion], { x: 90, y: 5 }, 2)).to.not.have.property('suggestion');
  });

  it('moves or resizes the dragged box from where it started, inside the image', () => {
    const move = startDrag(boxes, 0, [], { x: 30, y: 30 }, 2);
    if (move.kind === 'draw') throw new Error('expected a move');
    expect(draggedBox(move, { x: 35, y: 28 }, bounds)).to.deep.equal([15, 8, 40, 40]);
    expect(draggedBox(move, { x: 300, y: 30 }, bounds)).to.deep.equal([60, 10, 40, 40]);
    const resize = startDrag(boxes, 1, [], { x: 80, y: 60 }, 2);
    if (resize.kind === 'draw') throw new Error('expected a resize');
    expect(draggedBox(resize, { x: 90, y: 70 }, bounds)).to.deep.equal([60, 40, 30, 30]);
  });

  it('duplicates a box a quarter of its size away, back inside the image at its edge', () => {
    expect(duplicateOf([10, 10, 40, 40], bounds)).to.deep.equal([20, 20, 40, 40]);
    expect(duplicateOf([60, 40, 40, 40], bounds)).to.deep.equal([50, 30, 40, 40]);
  });

  it('nudges with arrows, 10 px with alt, resizes with shift, and ignores other keys', () => {
    const box: [number, number, number, number] = [10, 10, 40, 40];
    const key = (name: string, modifiers: { altKey?: boolean; shiftKey?: boolean } = {}) =>
      boxAfterArrowKey(box, { key: name, altKey: false, shiftKey: false, ...modifiers }, bounds);
    expect(key('ArrowRight')).to.deep.equal([11, 10, 40, 40]);
    expect(key('ArrowUp', { altKey: true })).to.deep.equal([10, 0, 40, 40]);
    expect(key('ArrowLeft', { shiftKey: true })).to.deep.equal([10, 10, 39, 40]);
    expect(key('ArrowDown', { shiftKey: true, altKey: true })).to.deep.equal([10, 10, 40, 50]);
    expect(key('Enter')).to.equal(undefined);
  });

  it('replaces one box, keeping its label and the other boxes', () => {
    const next = withBox(boxes, 1, [1, 2, 3, 4]);
    expect(next).to.deep.equal([boxes[0], { box: [1, 2, 3, 4], label: 'テニスボール' }]);
    expect(next[0]).to.equal(boxes[0]);
  });
});
