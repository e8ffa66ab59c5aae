/**
 * Undo and redo over whole states. The caller owns the current state and hands it in, so the history
 * never holds a copy that could drift from what is shown; states are kept by reference, never cloned.
 */
export class EditHistory<State> {
  private _past: State[] = [];
  private _future: State[] = [];

  get canUndo(): boolean {
    return this._past.length > 0;
  }

  get canRedo(): boolean {
    return this._future.length > 0;
  }

  /** Remembers `current` as the state an edit is about to replace; a new edit forgets what was undone. */
  push(current: State): void {
    this._past.push(current);
    this._future = [];
  }

  /** The state before the last edit, keeping `current` for redo; undefined when there is nothing to undo. */
  undo(current: State): State | undefined {
    if (!this._past.length) return undefined;
    this._future.push(current);
    return this._past.pop();
  }

  /** The state the last undo left, keeping `current` for undo; undefined when there is nothing to redo. */
  redo(current: State): State | undefined {
    if (!this._future.length) return undefined;
    this._past.push(current);
    return this._future.pop();
  }

  /** Forgets every step, e.g. when another photo is shown. */
  reset(): void {
    this._past = [];
    this._future = [];
  }
}
