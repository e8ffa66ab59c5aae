import type { BackendChoice } from '../backend/backends.ts';

/** The user picked another TF.js backend (or "auto"). */
export class BackendChangeEvent extends Event {
  static readonly eventName = 'tama-backend-change';
  constructor(readonly preference: BackendChoice) {
    super(BackendChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [BackendChangeEvent.eventName]: BackendChangeEvent;
  }
}
