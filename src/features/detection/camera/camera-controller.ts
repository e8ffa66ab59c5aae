import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CameraError } from './camera-error.ts';

export type Resolution = 'low' | 'medium' | 'high';

const resolutionSizes: Record<Resolution, { width: number; height: number }> = {
  low: { width: 640, height: 480 },
  medium: { width: 1280, height: 720 },
  high: { width: 1920, height: 1080 },
};

export interface CameraRequest {
  /** A specific camera from `devices`; without it the rear camera (facingMode: environment) is asked for. */
  deviceId?: string;
  resolution?: Resolution;
}

/**
 * Owns one getUserMedia stream for a host element: starts it on demand, stops every track when the
 * host disconnects or the tab is hidden (and resumes when it is visible again), and exposes a typed
 * `error` the view can explain.
 */
export class CameraController implements ReactiveController {
  stream: MediaStream | undefined;
  error: CameraError | undefined;
  devices: MediaDeviceInfo[] = [];
  starting = false;
  private request: CameraRequest = {};
  private wanted = false;
  private attempt = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this._onVisibilityChange);
  }

  hostDisconnected() {
    document.removeEventListener('visibilitychange', this._onVisibilityChange);
    this.wanted = false;
    this._stopTracks();
  }

  get deviceId(): string | undefined {
    return this.stream?.getVideoTracks()[0]?.getSettings().deviceId;
  }

  async start(request: CameraRequest = this.request): Promise<void> {
    this.request = request;
    this.wanted = true;
    const attempt = ++this.attempt;
    this._stopTracks();
    this.error = undefined;
    this.starting = true;
    this.host.requestUpdate();
    try {
      if (!window.isSecureContext) throw new CameraError('insecure');
      if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unsupported');
      const size = resolutionSizes[request.resolution ?? 'low'];
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: {
          ...(request.deviceId ? { deviceId: { exact: request.deviceId } } : { facingMode: { ideal: 'environment' } }),
          width: { ideal: size.width },
          height: { ideal: size.height },
        },
      });
      // A newer start() or a stop() won the race: this stream is not wanted any more.
      if (attempt !== this.attempt || !this.wanted) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      this.stream = stream;
      // Labels are only readable once permission is granted, so list the cameras after the first stream.
      this.devices = (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput');
    } catch (error) {
      if (attempt === this.attempt) this.error = CameraError.from(error);
    } finally {
      if (attempt === this.attempt) {
        this.starting = false;
        this.host.requestUpdate();
      }
    }
  }

  stop() {
    this.wanted = false;
    this.attempt++;
    this._stopTracks();
    this.host.requestUpdate();
  }

  private _stopTracks() {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
  }

  private readonly _onVisibilityChange = () => {
    if (document.hidden) {
      // Free the camera (and its privacy indicator) while nobody looks; keep `wanted` to resume.
      this.attempt++;
      this._stopTracks();
      this.host.requestUpdate();
    } else if (this.wanted && !this.stream) {
      void this.start();
    }
  };
}
