import { type Box, type Detection, iou } from '../../model/geometry.ts';
import { type Track, TrackState } from './track-state.ts';

export type { Track } from './track-state.ts';

export interface TrackerOptions {
  /** Score a detection needs to start a track: the user's threshold. */
  birthScore: number;
  /**
   * Score a detection needs to keep an existing track alive. Default: half the birth score, at least
   * 0.1, never above the birth score. The detector must be asked for detections down to this score.
   */
  keepScore?: number;
  /** An unseen track coasts on its predicted motion for this long… (default 500 ms) */
  coastMs?: number;
  /** …or for this many frames, whichever is longer, so slow devices also bridge a missed frame (default 2). */
  coastFrames?: number;
  /** …but never longer than this (default 1500 ms). */
  maxCoastMs?: number;
  /** Position gain of the alpha-beta filter: how far a box moves toward each new detection (default 0.5). */
  alpha?: number;
  /** Velocity gain of the alpha-beta filter (default 0.17, critically damped for alpha 0.5). */
  beta?: number;
}

/** The keep score that goes with a birth score: half of it, at least 0.1, never above it. */
export function keepScoreFor(birthScore: number): number {
  return Math.min(birthScore, Math.max(0.1, birthScore * 0.5));
}

// A match below this IoU with the predicted box is judged by centre distance instead, and always loses
// to a real overlap.
const MIN_IOU = 0.1;
// A detection this much over a live track is the same ball seen twice, not a new ball.
const BIRTH_OVERLAP = 0.3;
// An unseen track with less than this part of its full size in the picture has left it…
const LEFT_PICTURE = 0.5;
// …when it moves outward faster than this (px/ms, 20 px/s); slower, it rests at the border and coasts.
const LEAVING_SPEED = 0.02;

/**
 * Turns each frame's detections into stable, smoothed ball tracks, so live boxes do not flicker.
 *
 * - Hysteresis: only a detection at or above the birth score starts a track; weaker ones (down to the
 *   keep score) can only keep one alive, so a ball whose score wobbles around the threshold keeps its box.
 * - Coasting: an unseen track moves on at its last velocity for a short while and is dropped after it;
 *   a track leaving the picture is dropped at once.
 * - Association: greedy on IoU with the predicted box (centre distance when boxes do not overlap);
 *   a detection feeds at most one track and labels never mix.
 * - Smoothing: an alpha-beta filter per centre and size coordinate. Unlike plain exponential smoothing it
 *   carries a velocity, so a ball moving steadily is followed without lag while jitter is damped.
 *
 * Framework-free and allocation-free per frame (new tracks aside).
 */
export class BallTracker {
  private readonly _tracks: TrackState[] = [];
  private _nextId = 1;
  private _birthScore = 0.5;
  private _keepScore = 0.25;
  private readonly _coastMs: number;
  private readonly _coastFrames: number;
  private readonly _maxCoastMs: number;
  private readonly _alpha: number;
  private readonly _beta: number;
  // Reused between frames: similarity of track i and detection j at [i * detections + j], and who is taken.
  private _similarity = new Float64Array(64);
  /** Per track: the index + 1 of its detection this frame, 0 for none. */
  private _trackTaken = new Int32Array(16);
  private _detectionTaken = new Uint8Array(16);
  private readonly _predicted: Box = [0, 0, 0, 0];

  constructor(options: TrackerOptions) {
    this._coastMs = options.coastMs ?? 500;
    this._coastFrames = options.coastFrames ?? 2;
    this._maxCoastMs = options.maxCoastMs ?? 1500;
    this._alpha = options.alpha ?? 0.5;
    this._beta = options.beta ?? 0.17;
    this.setScores(options.birthScore, options.keepScore);
  }

  /** The live tracks, oldest first. The array and its tracks are updated in place by `update()`. */
  get tracks(): readonly Track[] {
    return this._tracks;
  }

  get birthScore(): number {
    return this._birthScore;
  }

  get keepScore(): number {
    return this._keepScore;
  }

  setScores(birthScore: number, keepScore = keepScoreFor(birthScore)) {
    this._birthScore = birthScore;
    this._keepScore = Math.min(birthScore, keepScore);
  }

  /** Forgets every track; ids start again at 1. */
  reset() {
    this._tracks.length = 0;
    this._nextId = 1;
  }

  /**
   * Advances the tracks to `time` (ms, increasing) with that frame's detections. With the picture's size
   * given, tracks leaving it are dropped at once and boxes are clipped to it.
   */
  update(detections: readonly Detection[], time: number, width = 0, height = 0): readonly Track[] {
    const tracks = this._tracks;
    for (const track of tracks) track.predict(time);
    this._associate(detections);
    for (let i = 0; i < tracks.length; i++) {
      const track = tracks[i] as TrackState;
      const j = (this._trackTaken[i] as number) - 1;
      if (j >= 0) track.correct(detections[j] as Detection, time, this._alpha, this._beta, width, height);
      else track.missed++;
      track.age++;
    }
    this._dropLost(time, width, height);
    for (const track of tracks) track.writeBox(width, height);
    this._bear(detections, time, width, height);
    return tracks;
  }

  /** Greedy matching: the most similar free (track, detection) pair first, until no pair qualifies. */
  private _associate(detections: readonly Detection[]) {
    const tracks = this._tracks;
    const n = tracks.length;
    const m = detections.length;
    if (this._similarity.length < n * m) this._similarity = new Float64Array(n * m * 2);
    if (this._trackTaken.length < n) this._trackTaken = new Int32Array(n * 2);
    if (this._detectionTaken.length < m) this._detectionTaken = new Uint8Array(m * 2);
    const similarity = this._similarity;
    this._trackTaken.fill(0, 0, n);
    this._detectionTaken.fill(0, 0, m);
    for (let i = 0; i < n; i++) {
      const track = tracks[i] as TrackState;
      const predicted = this._predicted;
      predicted[0] = track.cx - track.w / 2;
      predicted[1] = track.cy - track.h / 2;
      predicted[2] = track.w;
      predicted[3] = track.h;
      for (let j = 0; j < m; j++) {
        const detection = detections[j] as Detection;
        similarity[i * m + j] =
          detection.score >= this._keepScore && detection.label === track.label
            ? this._similarityOf(track, predicted, detection.box)
            : 0;
      }
    }
    for (;;) {
      let best = 0;
      let bestI = -1;
      let bestJ = -1;
      for (let i = 0; i < n; i++) {
        if (this._trackTaken[i]) continue;
        for (let j = 0; j < m; j++) {
          const value = similarity[i * m + j] as number;
          if (value > best && !this._detectionTaken[j]) {
            best = value;
            bestI = i;
            bestJ = j;
          }
        }
      }
      if (bestI < 0) break;
      this._trackTaken[bestI] = bestJ + 1;
      this._detectionTaken[bestJ] = 1;
    }
  }

  /** IoU with the predicted box; when they do not overlap enough, a smaller score for a near centre. */
  private _similarityOf(track: TrackState, predicted: Box, box: Box): number {
    const overlap = iou(predicted, box);
    if (overlap >= MIN_IOU) return overlap;
    const size = Math.max(track.w, track.h);
    const area = box[2] * box[3];
    const ratio = area / (track.w * track.h);
    if (!(ratio > 0.25 && ratio < 4)) return 0;
    const distance = Math.hypot(box[0] + box[2] / 2 - track.cx, box[1] + box[3] / 2 - track.cy);
    return distance < size ? MIN_IOU * (1 - distance / size) : 0;
  }

  private _dropLost(time: number, width: number, height: number) {
    const tracks = this._tracks;
    let kept = 0;
    for (let i = 0; i < tracks.length; i++) {
      const track = tracks[i] as TrackState;
      if (!this._lost(track, time, width, height)) tracks[kept++] = track;
    }
    tracks.length = kept;
  }

  private _lost(track: TrackState, time: number, width: number, height: number): boolean {
    if (track.missed === 0) return false;
    const unseen = time - track.seenAt;
    if (unseen > this._maxCoastMs) return true;
    if (track.missed > this._coastFrames && unseen > this._coastMs) return true;
    if (!width || !height) return false;
    const visible = track.visibleFraction(width, height);
    return visible === 0 || (visible < LEFT_PICTURE && track.movingOut(width, height, LEAVING_SPEED));
  }

  private _bear(detections: readonly Detection[], time: number, width: number, height: number) {
    const tracks = this._tracks;
    for (let j = 0; j < detections.length; j++) {
      const detection = detections[j] as Detection;
      if (this._detectionTaken[j] || detection.score < this._birthScore) continue;
      let duplicate = false;
      for (const track of tracks)
        duplicate ||= track.label === detection.label && iou(track.box, detection.box) > BIRTH_OVERLAP;
      if (duplicate) continue;
      const track = new TrackState(this._nextId++, detection, time);
      track.writeBox(width, height);
      tracks.push(track);
    }
  }
}
