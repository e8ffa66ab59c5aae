// What the verifier learns from: every box the detector proposes on the real training photos (and each
// true ball), described by the verifier's crop features and marked ball or not by its overlap with the
// labels. Proposals that half-overlap a ball are left out: neither answer would be right.

import type { Box } from '../../src/model/geometry.ts';
import { iou } from '../../src/model/geometry.ts';
import type { DetectorSession } from '../lib/detector-session.ts';
import type { TrainItem } from '../lib/train-session.ts';

export interface VerifierExamples {
  features: Float32Array[];
  labels: number[];
  /** Which photo each example came from (a photo's examples stay on one side of a split). */
  photo: number[];
}

/** Low, so the verifier also sees the weak proposals it will have to turn down at a lower threshold. */
const PROPOSAL_THRESHOLD = 0.1;
const IS_BALL = 0.5;
const IS_NOT_BALL = 0.3;

export async function verifierExamples(
  session: DetectorSession,
  items: readonly TrainItem[],
  onPhoto?: (done: number) => void,
): Promise<VerifierExamples> {
  const examples: VerifierExamples = { features: [], labels: [], photo: [] };
  for (const [index, item] of items.entries()) {
    const truth = item.boxes.map(({ box }) => box);
    const { detections } = await session.detectFile(item.path, { threshold: PROPOSAL_THRESHOLD, maxDetections: 12 });
    const boxes: Box[] = [];
    const labels: number[] = [];
    for (const { box } of detections) {
      const overlap = Math.max(0, ...truth.map((ball) => iou(box, ball)));
      if (overlap >= IS_BALL || overlap < IS_NOT_BALL) {
        boxes.push(box);
        labels.push(overlap >= IS_BALL ? 1 : 0);
      }
    }
    for (const ball of truth) {
      boxes.push(ball);
      labels.push(1);
    }
    if (boxes.length > 0) {
      const url = await session.harness.serveFile(item.path);
      const flat = await session.harness.page.evaluate(([u, b]) => window.tama.describeBoxesUrl(u, b), [
        url,
        boxes,
      ] as const);
      const width = flat.length / boxes.length;
      boxes.forEach((_, i) => {
        examples.features.push(Float32Array.from(flat.slice(i * width, (i + 1) * width)));
        examples.labels.push(labels[i] as number);
        examples.photo.push(index);
      });
    }
    onPhoto?.(index + 1);
  }
  return examples;
}
