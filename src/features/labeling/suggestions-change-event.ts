import { appEvent } from '../../shared/typed-event.ts';
import type { Suggestion } from './suggestion.ts';

/** Model-proposed boxes were accepted or rejected (also by undo/redo); carries the ones still open. */
export class SuggestionsChangeEvent extends appEvent<Suggestion[]>()('tama-suggestions-change') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [SuggestionsChangeEvent.eventName]: SuggestionsChangeEvent;
  }
}
