import { appEvent } from '../../../shared/typed-event.ts';
/** The picture to detect on changed: a playing camera/video, a loaded photo, or nothing (stopped). */
export class CameraSourceEvent extends appEvent<HTMLVideoElement | HTMLImageElement | undefined>()(
  'tama-camera-source',
) {}

declare global {
  interface GlobalEventHandlersEventMap {
    [CameraSourceEvent.eventName]: CameraSourceEvent;
  }
}
