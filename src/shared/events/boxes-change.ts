import type { LabeledBox } from '../../features/dataset/dataset-store.ts';

/** The user drew, moved, resized, relabelled or deleted a box (also by undo/redo). */
export class BoxesChangeEvent extends Event {
  static readonly eventName = 'tama-boxes-change';
  constructor(readonly boxes: LabeledBox[]) {
    super(BoxesChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [BoxesChangeEvent.eventName]: BoxesChangeEvent;
  }
}
