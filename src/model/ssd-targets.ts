// What each of the 1917 anchors should predict for one training image: the SSD matching rule. An
// anchor is positive for a ground-truth box when their IoU is at least 0.5, and every box also claims
// its single best anchor (so a small or oddly shaped ball is never left without one). Pure
// arithmetic on typed arrays: run once per (image, augmentation), outside any gradient.
import { BOX_SCALES } from './ssd-heads.ts';

/** A ground-truth box in normalised corners [ymin, xmin, ymax, xmax] with its class (1-based). */
export interface NormalisedBox {
  corners: [number, number, number, number];
  classId: number;
}

export interface AnchorTargets {
  /** Per anchor: 0 = background, k ≥ 1 = class k. */
  classes: Int32Array;
  /**
   * Per anchor: 1 when it half-covers a ball (IoU 0.4…0.5) without matching it. Such an anchor sees
   * mostly ball, so calling it background would fight the positives; it is left out of the loss.
   */
  ignored: Uint8Array;
  /** Per anchor: encoded (ty, tx, th, tw) of its matched box; zeros for background. */
  encodings: Float32Array;
  positives: number;
}

const MATCH_IOU = 0.5;
const IGNORE_IOU = 0.4;

function cornerIou(a: ArrayLike<number>, ai: number, b: readonly number[]): number {
  const ymin = Math.max(a[ai] as number, b[0] as number);
  const xmin = Math.max(a[ai + 1] as number, b[1] as number);
  const ymax = Math.min(a[ai + 2] as number, b[2] as number);
  const xmax = Math.min(a[ai + 3] as number, b[3] as number);
  if (ymax <= ymin || xmax <= xmin) return 0;
  const intersection = (ymax - ymin) * (xmax - xmin);
  const areaA = ((a[ai + 2] as number) - (a[ai] as number)) * ((a[ai + 3] as number) - (a[ai + 1] as number));
  const areaB = ((b[2] as number) - (b[0] as number)) * ((b[3] as number) - (b[1] as number));
  return intersection / (areaA + areaB - intersection);
}

/** `anchors` are [count × 4] normalised corners, as in the graph. */
export function anchorTargets(anchors: Float32Array, boxes: readonly NormalisedBox[]): AnchorTargets {
  const count = anchors.length / 4;
  const classes = new Int32Array(count);
  const encodings = new Float32Array(count * 4);
  const bestIou = new Float32Array(count);
  const matched = new Int32Array(count).fill(-1);
  const ignored = new Uint8Array(count);
  boxes.forEach(({ corners }, b) => {
    let bestAnchor = -1;
    let bestForBox = 0;
    for (let a = 0; a < count; a++) {
      const overlap = cornerIou(anchors, a * 4, corners);
      if (overlap > bestForBox) {
        bestForBox = overlap;
        bestAnchor = a;
      }
      if (overlap >= IGNORE_IOU) ignored[a] = 1;
      if (overlap >= MATCH_IOU && overlap > (bestIou[a] as number)) {
        bestIou[a] = overlap;
        matched[a] = b;
      }
    }
    // Forced matches win over threshold matches: set after the scan, with an IoU above any real one.
    if (bestAnchor >= 0) {
      bestIou[bestAnchor] = 2;
      matched[bestAnchor] = b;
    }
  });
  let positives = 0;
  for (let a = 0; a < count; a++) {
    const b = matched[a] as number;
    if (b < 0) continue;
    ignored[a] = 0;
    const box = boxes[b] as NormalisedBox;
    positives++;
    classes[a] = box.classId;
    const [ymin, xmin, ymax, xmax] = box.corners;
    const ha = (anchors[a * 4 + 2] as number) - (anchors[a * 4] as number);
    const wa = (anchors[a * 4 + 3] as number) - (anchors[a * 4 + 1] as number);
    const yca = (anchors[a * 4] as number) + ha / 2;
    const xca = (anchors[a * 4 + 1] as number) + wa / 2;
    const h = Math.max(ymax - ymin, 1e-4);
    const w = Math.max(xmax - xmin, 1e-4);
    encodings[a * 4] = (BOX_SCALES[0] * (ymin + h / 2 - yca)) / ha;
    encodings[a * 4 + 1] = (BOX_SCALES[1] * (xmin + w / 2 - xca)) / wa;
    encodings[a * 4 + 2] = BOX_SCALES[2] * Math.log(h / ha);
    encodings[a * 4 + 3] = BOX_SCALES[3] * Math.log(w / wa);
  }
  return { classes, ignored, encodings, positives };
}
