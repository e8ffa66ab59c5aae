/** The picture to detect on changed: a playing camera/video, a loaded photo, or nothing (stopped). */
export class CameraSourceEvent extends Event {
  static readonly eventName = 'tama-camera-source';
  constructor(readonly source: HTMLVideoElement | HTMLImageElement | undefined) {
    super(CameraSourceEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [CameraSourceEvent.eventName]: CameraSourceEvent;
  }
}
