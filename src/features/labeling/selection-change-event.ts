import { appEvent } from '../../shared/typed-event.ts';

/** What the user has picked on the photo: a box (index into the boxes), a suggestion, or neither. */
export interface LabelerSelection {
  box?: number;
  suggestion?: number;
}

/** The picked box or suggestion changed: the editor shows the tools for it. */
export class SelectionChangeEvent extends appEvent<LabelerSelection>()('tama-selection-change') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [SelectionChangeEvent.eventName]: SelectionChangeEvent;
  }
}
