import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Detector } from '../../model/detector.ts';
import type { Detection } from '../../model/geometry.ts';

type Source = HTMLVideoElement | HTMLImageElement;

/**
 * Runs the detector on the newest video frame, one frame at a time: while a frame is being detected
 * newer frames are dropped rather than queued, so the boxes never lag behind the picture. Uses
 * requestVideoFrameCallback where the browser has it (a callback per decoded frame), else rAF.
 */
export class LiveDetectionController implements ReactiveController {
  detections: Detection[] = [];
  /** Detections per second, smoothed. */
  fps = 0;
  msPerFrame = 0;
  frames = 0;
  frozen = false;
  threshold = 0.5;
  error: unknown;
  private source: Source | undefined;
  private detector: Detector | undefined;
  private inFlight = false;
  private cancelFrame: (() => void) | undefined;
  private lastFrameAt = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected() {
    this._stopLoop();
  }

  setDetector(detector: Detector | undefined) {
    this.detector = detector;
    this._restart();
  }

  setSource(source: Source | undefined) {
    this.source = source;
    this.detections = [];
    this._restart();
  }

  setThreshold(threshold: number) {
    this.threshold = threshold;
    // A still photo gets no new frames: detect again so the slider takes effect.
    if (this.source instanceof HTMLImageElement) void this._detectOnce();
    this.host.requestUpdate();
  }

  toggleFreeze() {
    this.frozen = !this.frozen;
    if (this.source instanceof HTMLVideoElement) {
      if (this.frozen) this.source.pause();
      else void this.source.play();
    }
    this.host.requestUpdate();
  }

  private _restart() {
    this._stopLoop();
    this.host.requestUpdate();
    if (!this.source || !this.detector) return;
    if (this.source instanceof HTMLImageElement) void this._detectOnce();
    else this._schedule(this.source);
  }

  private _stopLoop() {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  private _schedule(video: HTMLVideoElement) {
    if ('requestVideoFrameCallback' in video) {
      const handle = video.requestVideoFrameCallback(() => this._onFrame(video));
      this.cancelFrame = () => video.cancelVideoFrameCallback(handle);
    } else {
      const handle = requestAnimationFrame(() => this._onFrame(video));
      this.cancelFrame = () => cancelAnimationFrame(handle);
    }
  }

  private _onFrame(video: HTMLVideoElement) {
    if (video !== this.source) return;
    this._schedule(video);
    if (this.inFlight || this.frozen || video.readyState < 2) return;
    void this._detectOnce();
  }

  private async _detectOnce() {
    const { source, detector } = this;
    if (!source || !detector || this.inFlight) return;
    this.inFlight = true;
    const started = performance.now();
    try {
      const detections = await detector.detect(source, { threshold: this.threshold });
      // The source or detector may have changed while this frame ran: its boxes belong to the old one.
      if (source !== this.source || detector !== this.detector) return;
      this.detections = detections;
      this.error = undefined;
      const now = performance.now();
      this.msPerFrame = now - started;
      if (this.lastFrameAt)
        this.fps = this.fps
          ? this.fps * 0.8 + (1000 / (now - this.lastFrameAt)) * 0.2
          : 1000 / (now - this.lastFrameAt);
      this.lastFrameAt = now;
      this.frames++;
    } catch (error) {
      this.error = error;
    } finally {
      this.inFlight = false;
      this.host.requestUpdate();
    }
  }
}
