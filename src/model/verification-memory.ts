// Consecutive video frames show the same balls in nearly the same places: a box that overlaps one the
// verifier judged a few frames ago takes that judgement instead of a new crop. Without this the second
// look cost the live view a third of its frame rate (WASM: 28 → 16 FPS); with it a ball is looked at
// again only when it moves or every REMEMBER_FRAMES frames.
import { type Box, iou } from './geometry.ts';

/** A judgement is kept this many frames. */
export const REMEMBER_FRAMES = 8;
/** A box this close to a judged one is the same thing. */
const SAME_PLACE = 0.6;

interface Judgement {
  box: Box;
  probability: number;
  frame: number;
}

export class VerificationMemory {
  private _frame = 0;
  private _judgements: Judgement[] = [];

  /** Starts a frame; forgets what is too old. */
  nextFrame(): void {
    this._frame++;
    this._judgements = this._judgements.filter((judgement) => this._frame - judgement.frame < REMEMBER_FRAMES);
  }

  /** The remembered probability for a box in this place, if any. */
  recall(box: Box): number | undefined {
    let best: Judgement | undefined;
    let bestOverlap = SAME_PLACE;
    for (const judgement of this._judgements) {
      const overlap = iou(judgement.box, box);
      if (overlap >= bestOverlap) {
        best = judgement;
        bestOverlap = overlap;
      }
    }
    return best?.probability;
  }

  remember(box: Box, probability: number): void {
    this._judgements.push({ box, probability, frame: this._frame });
  }
}
