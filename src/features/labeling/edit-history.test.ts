import { expect } from '@esm-bundle/chai';
import { EditHistory } from './edit-history.ts';

describe('edit history', () => {
  it('undoes and redoes edits in order, handing back the very states it was given', () => {
    const history = new EditHistory<{ boxes: number[] }>();
    const first = { boxes: [] };
    const second = { boxes: [1] };
    const third = { boxes: [1, 2] };
    expect([history.canUndo, history.canRedo]).to.deep.equal([false, false]);
    expect(history.undo(first)).to.equal(undefined);

    history.push(first);
    history.push(second);
    expect(history.undo(third)).to.equal(second);
    expect(history.undo(second)).to.equal(first);
    expect([history.canUndo, history.canRedo]).to.deep.equal([false, true]);
    expect(history.undo(first)).to.equal(undefined);

    expect(history.redo(first)).to.equal(second);
    expect(history.redo(second)).to.equal(third);
    expect(history.redo(third)).to.equal(undefined);
    expect(history.undo(third)).to.equal(second);
  });

  it('forgets what was undone after a new edit, and everything after a reset', () => {
    const history = new EditHistory<string>();
    history.push('a');
    history.push('b');
    expect(history.undo('c')).to.equal('b');
    history.push('b');
    expect(history.canRedo).to.equal(false);
    expect(history.redo('d')).to.equal(undefined);
    expect(history.undo('d')).to.equal('b');
    expect(history.undo('b')).to.equal('a');

    history.push('a');
    history.reset();
    expect([history.canUndo, history.canRedo]).to.deep.equal([false, false]);
    expect(history.undo('x')).to.equal(undefined);
  });

  it('keeps falsy states such as 0 or an empty string', () => {
    const history = new EditHistory<number>();
    history.push(0);
    expect(history.undo(1)).to.equal(0);
    expect(history.redo(0)).to.equal(1);
  });
});
