import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Detector } from '../../model/detector.ts';
import { DEFAULT_THRESHOLD } from '../../model/model-variants.ts';
import { isBackendLost } from '../../shared/backend/gpu-loss.ts';
import { trackWork } from '../../shared/work-in-progress.ts';
import { BallTracker } from './ball-tracker.ts';
import type { OverlayBox } from './detection-overlay.ts';

type Source = HTMLVideoElement | HTMLImageElement;

/** Long enough to not nag while someone is still aiming; short enough to help before they give up. */
export const NO_BALL_HINT_MS = 7000;

const NO_BOXES: readonly OverlayBox[] = Object.freeze([]);

/**
 * Video frames are detected at 256×256 instead of 300×300: 27 % less work per frame. Measured with the
 * default ball model (WASM): mAP@0.5 0.422 → 0.412 on 150 hard procedural scenes, 0.975 → 0.939 on the
 * 16 sample photos, fewer false alarms; 224 loses 7 points on the hard scenes. The tracker bridges
 * the odd missed frame; photos keep the full size.
 */
export const LIVE_INPUT_SIZE = 256;

/**
 * Runs the detector on the newest video frame, one frame at a time: while a frame is being detected
 * newer frames are dropped rather than queued, so the boxes never lag behind the picture. Uses
 * requestVideoFrameCallback where the browser has it (a callback per decoded frame), else rAF.
 *
 * On a video the detections go through a {@link BallTracker}, so boxes hold steady through score dips
 * and missed frames; a still photo just gets its detections at the threshold.
 */
export class LiveDetectionController implements ReactiveController {
  /**
   * What to draw: the tracked balls on a video, the detections on a photo. On a video this is the
   * tracker's own array, updated in place; `frames` tells that it changed.
   */
  boxes: readonly OverlayBox[] = NO_BOXES;
  /** Detections per second, smoothed. */
  fps = 0;
  msPerFrame = 0;
  frames = 0;
  /** The media time of the video frame `boxes` were found on, to line boxes up with frames. */
  frameTime = 0;
  frozen = false;
  threshold = DEFAULT_THRESHOLD;
  error: unknown;
  /** A video has run for a while without a single ball: time to suggest what to try. */
  noBallHint = false;
  private source: Source | undefined;
  private detector: Detector | undefined;
  /**
   * The detector whose frame is being detected. Per detector: on a lost GPU a frame can wait for ever,
   * and the detector that replaces it must not wait behind that frame.
   */
  private _inFlight: Detector | undefined;
  private lastFrameAt = 0;
  private readonly _tracker = new BallTracker({ birthScore: this.threshold });
  private readonly _detectOptions: { threshold: number; inputSize?: number; videoFrame?: boolean } = {
    threshold: this.threshold,
  };
  /** The video whose frames are being waited for, and the pending callback's handle. */
  private _looping: HTMLVideoElement | undefined;
  private _handle = 0;
  private _frameTimeAtCallback = 0;
  /** Bumped by every reset, so a frame detected before it cannot feed the tracks after it. */
  private _generation = 0;
  /** Time spent frozen, left out of the tracker's and the hint's clock. */
  private _frozenMs = 0;
  private _frozenAt = 0;
  private _noBallSince: number | undefined;
  private _hintDismissed = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    // The camera counts, not the detection loop: it pauses while a model (re)loads, the user's session does not.
    trackWork(host, 'live', () => this.source instanceof HTMLVideoElement);
  }

  hostDisconnected() {
    this._stopLoop();
  }

  setDetector(detector: Detector | undefined) {
    this.detector = detector;
    this._inFlight = undefined;
    this._resetTracking();
    this._restart();
  }

  setSource(source: Source | undefined) {
    this.source = source;
    this._hintDismissed = false;
    this._resetTracking();
    this._restart();
  }

  setThreshold(threshold: number) {
    this.threshold = threshold;
    this._tracker.setScores(threshold);
    this._resetTracking();
    // A still photo gets no new frames: detect again so the slider takes effect.
    if (this.source instanceof HTMLImageElement) void this._detectOnce();
    this.host.requestUpdate();
  }

  toggleFreeze() {
    this.frozen = !this.frozen;
    if (this.frozen) this._frozenAt = performance.now();
    else this._frozenMs += performance.now() - this._frozenAt;
    if (this.source instanceof HTMLVideoElement) {
      if (this.frozen) this.source.pause();
      else void this.source.play();
    }
    this.host.requestUpdate();
  }

  /** Hides the no-ball hint until the source changes. */
  dismissHint() {
    this._hintDismissed = true;
    this.noBallHint = false;
    this.host.requestUpdate();
  }

  private _resetTracking() {
    this._generation++;
    this._tracker.reset();
    this.boxes = NO_BOXES;
    this._noBallSince = undefined;
    this.noBallHint = false;
  }

  private _restart() {
    this._stopLoop();
    this.host.requestUpdate();
    if (!this.source || !this.detector) return;
    if (this.source instanceof HTMLImageElement) void this._detectOnce();
    else {
      this._looping = this.source;
      this._schedule();
    }
  }

  private _stopLoop() {
    const video = this._looping;
    if (!video) return;
    if ('requestVideoFrameCallback' in video) video.cancelVideoFrameCallback(this._handle);
    else cancelAnimationFrame(this._handle);
    this._looping = undefined;
  }

  // One callback each for the whole loop: no closure per frame.
  private _schedule() {
    const video = this._looping;
    if (!video) return;
    if ('requestVideoFrameCallback' in video) this._handle = video.requestVideoFrameCallback(this._onVideoFrame);
    else this._handle = requestAnimationFrame(this._onAnimationFrame);
  }

  private readonly _onVideoFrame = (_now: number, metadata: VideoFrameCallbackMetadata) =>
    this._onFrame(metadata.mediaTime);

  private readonly _onAnimationFrame = () => this._onFrame(this._looping?.currentTime ?? 0);

  private _onFrame(frameTime: number) {
    const video = this._looping;
    if (!video || video !== this.source) return;
    this._schedule();
    if (this._inFlight || this.frozen || video.readyState < 2) return;
    this._frameTimeAtCallback = frameTime;
    void this._detectOnce();
  }

  private async _detectOnce() {
    const { source, detector } = this;
    if (!source || !detector || this._inFlight) return;
    this._inFlight = detector;
    const started = performance.now();
    const generation = this._generation;
    const video = source instanceof HTMLVideoElement ? source : undefined;
    const frameTime = video ? this._frameTimeAtCallback : 0;
    // The tracker needs the weak detections too: they are what keeps a tracked ball through a dip.
    this._detectOptions.threshold = video ? this._tracker.keepScore : this.threshold;
    this._detectOptions.inputSize = video ? LIVE_INPUT_SIZE : undefined;
    this._detectOptions.videoFrame = video !== undefined;
    try {
      const detections = await detector.detect(source, this._detectOptions);
      // The source or detector may have changed while this frame ran: its boxes belong to the old one.
      if (source !== this.source || detector !== this.detector) return;
      if (video) {
        if (generation !== this._generation) return;
        const time = started - this._frozenMs;
        this.boxes = this._tracker.update(detections, time, video.videoWidth, video.videoHeight);
        this._updateHint(time);
      } else this.boxes = detections;
      this.frameTime = frameTime;
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
      // A frame that failed because the GPU went away is no news: a detector on the next backend is coming.
      if (detector === this.detector && !(await isBackendLost(detector.backend))) this.error = error;
    } finally {
      if (this._inFlight === detector) this._inFlight = undefined;
      this.host.requestUpdate();
    }
  }

  private _updateHint(time: number) {
    if (this._noBallSince === undefined || this.boxes.length > 0) this._noBallSince = time;
    this.noBallHint = !this._hintDismissed && time - this._noBallSince >= NO_BALL_HINT_MS;
  }
}
