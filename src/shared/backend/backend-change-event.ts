import { appEvent } from '../typed-event.ts';
import type { BackendChoice } from './backends.ts';

/** The user picked another TF.js backend (or "auto"). */
export class BackendChangeEvent extends appEvent<BackendChoice>()('tama-backend-change') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [BackendChangeEvent.eventName]: BackendChangeEvent;
  }
}
