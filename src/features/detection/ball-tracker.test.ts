import { expect } from '@esm-bundle/chai';
import type { Box, Detection } from '../../model/geometry.ts';
import { Random } from '../../shared/random.ts';
import { BallTracker, keepScoreFor, type Track } from './ball-tracker.ts';

const BALL = 'sports ball';
const FRAME_MS = 100; // 10 detections a second, a phone on the wasm backend
const WIDTH = 640;
const HEIGHT = 480;

function ball(x: number, y: number, size: number, score = 0.8): Detection {
  return { box: [x, y, size, size], score, label: BALL };
}

/** Feeds one frame and returns a copy of the tracks (the tracker updates its own in place). */
function step(tracker: BallTracker, frame: number, detections: Detection[]): Track[] {
  return tracker
    .update(detections, frame * FRAME_MS, WIDTH, HEIGHT)
    .map((track) => ({ ...track, box: [...track.box] as Box }));
}

const centre = (box: Box) => [box[0] + box[2] / 2, box[1] + box[3] / 2] as const;

function variance(values: number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
}

describe('BallTracker', () => {
  it('keeps a ball’s id through a score dip below the threshold', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    const scores = [0.8, 0.7, 0.4, 0.3, 0.35, 0.45, 0.7, 0.8];
    const ids = scores.map((score, frame) => step(tracker, frame, [ball(100 + frame * 5, 200, 80, score)])[0]?.id);
    expect(ids).to.deep.equal(scores.map(() => 1));
  });

  it('lets go of a ball whose score falls below the keep score', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    expect(tracker.keepScore).to.equal(0.25);
    step(tracker, 0, [ball(100, 200, 80, 0.8)]);
    for (let frame = 1; frame < 10; frame++) step(tracker, frame, [ball(100, 200, 80, 0.2)]);
    expect(tracker.tracks).to.have.length(0);
  });

  it('keeps a ball’s id through one or two frames without a detection, at any frame rate', () => {
    for (const frameMs of [33, 100, 400]) {
      const tracker = new BallTracker({ birthScore: 0.5 });
      const seen = [true, true, true, false, true, true, false, false, true, true];
      const tracks = seen.map((visible, frame) =>
        tracker
          .update(visible ? [ball(100 + frame * 8, 200, 80)] : [], frame * frameMs, WIDTH, HEIGHT)
          .map((t) => t.id),
      );
      expect(tracks, `${frameMs} ms a frame`).to.deep.equal(seen.map(() => [1]));
    }
  });

  it('coasts on the ball’s motion while it is not seen', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    for (let frame = 0; frame < 6; frame++) step(tracker, frame, [ball(100 + frame * 10, 200, 80)]);
    const [coasting] = step(tracker, 6, []);
    expect(coasting?.missed).to.equal(1);
    expect(coasting?.box[0]).to.be.closeTo(160, 2);
  });

  it('drops a track once the ball has been gone longer than the coast time', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    const frameMs = 33;
    for (let frame = 0; frame < 5; frame++) tracker.update([ball(300, 200, 80)], frame * frameMs, WIDTH, HEIGHT);
    // Seen last at 132 ms: it coasts for 500 ms, until 632 ms.
    const alive: number[] = [];
    for (let frame = 5; frame < 30; frame++)
      if (tracker.update([], frame * frameMs, WIDTH, HEIGHT).length) alive.push(frame * frameMs);
    expect(alive.at(-1)).to.be.within(600, 632);
  });

  it('gives a new ball a new id', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    expect(step(tracker, 0, [ball(100, 100, 60)]).map((t) => t.id)).to.deep.equal([1]);
    expect(step(tracker, 1, [ball(100, 100, 60), ball(400, 300, 60)]).map((t) => t.id)).to.deep.equal([1, 2]);
    for (let frame = 2; frame < 12; frame++) step(tracker, frame, [ball(400, 300, 60)]);
    expect(step(tracker, 12, [ball(400, 300, 60), ball(100, 100, 60)]).map((t) => t.id)).to.deep.equal([2, 3]);
  });

  it('never starts a track from detections below the threshold', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    for (let frame = 0; frame < 30; frame++)
      expect(step(tracker, frame, [ball(200, 200, 80, 0.45), ball(400, 100, 50, 0.3)])).to.have.length(0);
  });

  it('keeps the ids of two balls that cross', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    for (let frame = 0; frame <= 40; frame++) {
      const a = ball(40 + frame * 12, 200, 70, 0.8);
      const b = ball(520 - frame * 12, 230, 70, 0.7);
      // At the crossing the detector sees one of them only for a frame, and the order of its output varies.
      const detections = frame === 20 ? [a] : frame % 2 ? [b, a] : [a, b];
      const tracks = step(tracker, frame, detections);
      const first = tracks.find((t) => t.id === 1);
      const second = tracks.find((t) => t.id === 2);
      expect(tracks.map((t) => t.id).sort(), `frame ${frame}`).to.deep.equal([1, 2]);
      expect(first && centre(first.box)[1], `ball 1 at frame ${frame}`).to.be.closeTo(235, 3);
      expect(second && centre(second.box)[1], `ball 2 at frame ${frame}`).to.be.closeTo(265, 3);
    }
  });

  it('smooths the jitter of a ball that stands still', () => {
    const random = new Random(7);
    const tracker = new BallTracker({ birthScore: 0.5 });
    const raw: number[] = [];
    const smoothed: number[] = [];
    for (let frame = 0; frame < 200; frame++) {
      const x = 300 + random.range(-6, 6);
      const size = 80 + random.range(-6, 6);
      const [track] = step(tracker, frame, [ball(x, 200, size)]);
      if (frame < 20 || !track) continue;
      raw.push(x + size / 2);
      smoothed.push(centre(track.box)[0]);
    }
    expect(smoothed).to.have.length(180);
    expect(variance(smoothed) / variance(raw)).to.be.below(0.6);
  });

  it('follows a moving ball without lagging behind it', () => {
    const random = new Random(11);
    const tracker = new BallTracker({ birthScore: 0.5 });
    const errors: number[] = [];
    for (let frame = 0; frame < 40; frame++) {
      const x = 20 + frame * 12; // 120 px/s
      const [track] = step(tracker, frame, [ball(x + random.range(-2, 2), 200, 80)]);
      if (frame >= 8 && track) errors.push(centre(track.box)[0] - (x + 40));
    }
    const meanError = errors.reduce((sum, error) => sum + error, 0) / errors.length;
    // No lag: the box is on average where the ball is, well under one frame's travel (12 px) behind.
    expect(Math.abs(meanError)).to.be.below(2);
    expect(Math.max(...errors.map(Math.abs))).to.be.below(6);
  });

  it('drops a ball that leaves the picture at once, not after the coast time', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    let frame = 0;
    // Rolls out on the right at 30 px a frame; the detector clips its box and loses it at half out.
    for (let x = 400; x + 40 < WIDTH; x += 30, frame++) {
      const box: Box = [x, 200, Math.min(80, WIDTH - x), 80];
      expect(step(tracker, frame, [{ box, score: 0.8, label: BALL }]), `x ${x}`).to.have.length(1);
    }
    expect(step(tracker, frame, [])).to.have.length(0);
  });

  it('coasts through a missed frame for a ball resting at the border', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    for (let frame = 0; frame < 5; frame++) step(tracker, frame, [ball(WIDTH - 40, 200, 40)]);
    expect(step(tracker, 5, []).map((t) => t.id)).to.deep.equal([1]);
  });

  it('halves the threshold for keeping, within 0.1 and the threshold', () => {
    expect(keepScoreFor(0.6)).to.equal(0.3);
    expect(keepScoreFor(0.15)).to.equal(0.1);
    expect(keepScoreFor(0.05)).to.equal(0.05);
  });

  it('starts over with id 1 after a reset', () => {
    const tracker = new BallTracker({ birthScore: 0.5 });
    step(tracker, 0, [ball(100, 100, 60), ball(300, 100, 60)]);
    tracker.reset();
    expect(step(tracker, 1, [ball(300, 100, 60)]).map((t) => t.id)).to.deep.equal([1]);
  });

  it('takes well under a millisecond a frame for 20 balls', () => {
    const random = new Random(3);
    const tracker = new BallTracker({ birthScore: 0.5 });
    const frames = Array.from({ length: 50 }, (_, frame) =>
      Array.from({ length: 20 }, (_, i) =>
        ball(
          20 + (i % 5) * 120 + frame + random.range(-3, 3),
          20 + Math.floor(i / 5) * 110,
          60,
          random.range(0.3, 0.9),
        ),
      ),
    );
    for (let frame = 0; frame < 50; frame++) tracker.update(frames[frame] as Detection[], frame * 33, WIDTH, HEIGHT);
    const started = performance.now();
    for (let frame = 50; frame < 1050; frame++)
      tracker.update(frames[frame % 50] as Detection[], frame * 33, WIDTH, HEIGHT);
    const msPerFrame = (performance.now() - started) / 1000;
    expect(tracker.tracks.length).to.be.within(15, 20);
    expect(msPerFrame).to.be.below(0.2);
  });
});
