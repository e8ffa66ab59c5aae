import type { Box, Detection } from '../../model/geometry.ts';

export interface Track {
  /** Stable while the ball stays tracked; ids restart at 1 after `reset()`. */
  readonly id: number;
  /** Smoothed box in source pixels, clipped to the picture. Updated in place, frame after frame. */
  readonly box: Box;
  /** Smoothed score of the detections that matched the track. */
  readonly score: number;
  readonly label: string;
  /** Frames since the track was born. */
  readonly age: number;
  /** Frames in a row without a matching detection (0 when the ball was seen in the last frame). */
  readonly missed: number;
}

// Fastest shrinking or growing allowed by the size velocity, in box sizes per second, so one bad
// detection cannot make a box balloon.
const SIZE_RATE_LIMIT = 2;
// Boxes this close to the border (a fraction of the picture's long side) are cut by it.
const BORDER_MARGIN = 0.02;

/**
 * One ball's alpha-beta filter: centre and size with their velocities (px/ms). Predicting moves it on at
 * constant velocity; correcting pulls it toward a detection by alpha and nudges the velocity by beta, so
 * steady motion is followed without lag while jitter is damped.
 */
export class TrackState implements Track {
  readonly box: Box = [0, 0, 0, 0];
  score: number;
  label: string;
  age = 0;
  missed = 0;
  hits = 1;
  // Centre and size with their velocities (px/ms): the alpha-beta filter's state.
  cx: number;
  cy: number;
  w: number;
  h: number;
  vx = 0;
  vy = 0;
  vw = 0;
  vh = 0;
  /** Size last seen away from the border: the whole ball, to tell how much of it is still in the picture. */
  fullW: number;
  fullH: number;
  /** Time the state was last predicted or corrected to. */
  at: number;
  /** Time a detection last matched. */
  seenAt: number;

  constructor(
    readonly id: number,
    detection: Detection,
    time: number,
  ) {
    const [x, y, w, h] = detection.box;
    this.cx = x + w / 2;
    this.cy = y + h / 2;
    this.w = w;
    this.h = h;
    this.fullW = w;
    this.fullH = h;
    this.score = detection.score;
    this.label = detection.label;
    this.at = time;
    this.seenAt = time;
  }

  predict(time: number) {
    const dt = time - this.at;
    if (dt <= 0) return;
    this.cx += this.vx * dt;
    this.cy += this.vy * dt;
    // A size keeps changing only while the ball is seen: coasting on a shrinking box would make it vanish.
    if (this.missed === 0) {
      this.w = Math.max(1, this.w + this.vw * dt);
      this.h = Math.max(1, this.h + this.vh * dt);
    }
    this.at = time;
  }

  correct(detection: Detection, time: number, alpha: number, beta: number, width: number, height: number) {
    const [x, y, w, h] = detection.box;
    const zx = x + w / 2;
    const zy = y + h / 2;
    if (this.hits === 1) {
      // Second sighting: the velocity is simply the displacement since the first one.
      const dt = Math.max(1, time - this.seenAt);
      this.vx = (zx - this.cx) / dt;
      this.vy = (zy - this.cy) / dt;
      this.vw = limitRate((w - this.w) / dt, w);
      this.vh = limitRate((h - this.h) / dt, h);
      this.cx = zx;
      this.cy = zy;
      this.w = w;
      this.h = h;
    } else {
      // The filter step spans one frame: the state was predicted up to now from the previous frame.
      const dt = Math.max(1, time - this.seenAt) / (this.missed + 1);
      const gain = beta / dt;
      const rx = zx - this.cx;
      const ry = zy - this.cy;
      const rw = w - this.w;
      const rh = h - this.h;
      this.cx += alpha * rx;
      this.cy += alpha * ry;
      this.w += alpha * rw;
      this.h += alpha * rh;
      this.vx += gain * rx;
      this.vy += gain * ry;
      this.vw = limitRate(this.vw + gain * rw, this.w);
      this.vh = limitRate(this.vh + gain * rh, this.h);
    }
    if (!width || !height || !touchesBorder(detection.box, width, height)) {
      this.fullW = this.w;
      this.fullH = this.h;
    }
    this.score += 0.5 * (detection.score - this.score);
    this.hits++;
    this.missed = 0;
    this.seenAt = time;
  }

  /** The part of the whole ball (as last seen away from the border) that is inside the picture. */
  visibleFraction(width: number, height: number): number {
    const visibleW = Math.min(this.cx + this.w / 2, width) - Math.max(this.cx - this.w / 2, 0);
    const visibleH = Math.min(this.cy + this.h / 2, height) - Math.max(this.cy - this.h / 2, 0);
    return visibleW > 0 && visibleH > 0 ? (visibleW * visibleH) / (this.fullW * this.fullH) : 0;
  }

  /** At a border of the picture and moving out through it faster than `speed` (px/ms). */
  movingOut(width: number, height: number, speed: number): boolean {
    const margin = BORDER_MARGIN * Math.max(width, height);
    return (
      (this.cx - this.w / 2 <= margin && this.vx < -speed) ||
      (this.cy - this.h / 2 <= margin && this.vy < -speed) ||
      (this.cx + this.w / 2 >= width - margin && this.vx > speed) ||
      (this.cy + this.h / 2 >= height - margin && this.vy > speed)
    );
  }

  /** Writes the state into `box`, clipped to the picture when its size is known. */
  writeBox(width: number, height: number) {
    let left = this.cx - this.w / 2;
    let top = this.cy - this.h / 2;
    let right = left + this.w;
    let bottom = top + this.h;
    if (width && height) {
      left = Math.max(0, left);
      top = Math.max(0, top);
      right = Math.min(width, right);
      bottom = Math.min(height, bottom);
    }
    const box = this.box;
    box[0] = left;
    box[1] = top;
    box[2] = Math.max(0, right - left);
    box[3] = Math.max(0, bottom - top);
  }
}

function limitRate(rate: number, size: number): number {
  const limit = (SIZE_RATE_LIMIT * size) / 1000;
  return Math.max(-limit, Math.min(limit, rate));
}

function touchesBorder(box: Box, width: number, height: number): boolean {
  const margin = BORDER_MARGIN * Math.max(width, height);
  return (
    box[0] <= margin || box[1] <= margin || box[0] + box[2] >= width - margin || box[1] + box[3] >= height - margin
  );
}
