// "Review these photos": the label checker's card asks the Label page to open its queue (the photo ids,
// worst first). Shared, because the card (training) and the page (labeling) are different features.
import { appEvent } from './typed-event.ts';

export class ReviewStartEvent extends appEvent<string[]>()('tama-review-start') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [ReviewStartEvent.eventName]: ReviewStartEvent;
  }
}
