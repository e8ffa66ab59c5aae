import type { LabeledBox } from '../../dataset/dataset-store.ts';
import { appEvent } from '../../shared/typed-event.ts';

/** The user drew, moved, resized, relabelled or deleted a box (also by undo/redo). */
export class BoxesChangeEvent extends appEvent<LabeledBox[]>()('tama-boxes-change') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [BoxesChangeEvent.eventName]: BoxesChangeEvent;
  }
}
