import type { Suggestion } from '../../features/labeling/suggestion.ts';

/** Model-proposed boxes were accepted or rejected (also by undo/redo); carries the ones still open. */
export class SuggestionsChangeEvent extends Event {
  static readonly eventName = 'tama-suggestions-change';
  constructor(readonly suggestions: Suggestion[]) {
    super(SuggestionsChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [SuggestionsChangeEvent.eventName]: SuggestionsChangeEvent;
  }
}
