// The SSD loss of a batch and its gradient with respect to the heads' outputs, in plain JS on the
// outputs read back once per step: sigmoid cross-entropy on the classes with 3:1 hard-negative mining,
// and smooth-L1 on the box encodings of the matched anchors, normalised by the number of matched
// anchors. The heads are linear, so these output gradients are all the weight gradients need.
import { ANCHOR_COUNT } from '../../model/ssd-heads.ts';
import type { AnchorTargets } from '../../model/ssd-targets.ts';

const NEGATIVES_PER_POSITIVE = 3;
/** A photo without balls still teaches "this is background" through its hardest anchors. */
const MIN_NEGATIVES = 8;
const MOST_NEGATIVES = Math.floor(ANCHOR_COUNT / 2);
/** Positives and ignored anchors sink here: never among the hardest negatives. */
const EXCLUDED = -1e9;

/** What one view should predict, with its matched anchors listed once (ascending). */
export interface ViewTargets extends AnchorTargets {
  positiveAnchors: Int32Array;
}

export function withPositiveAnchors(targets: AnchorTargets): ViewTargets {
  const positiveAnchors = new Int32Array(targets.positives);
  let found = 0;
  targets.classes.forEach((classId, anchor) => {
    if (classId > 0) positiveAnchors[found++] = anchor;
  });
  return { ...targets, positiveAnchors };
}

export interface HeadLoss {
  /** The batch loss: (class term + box term) / matched anchors. */
  loss: number;
  /** dLoss/dLogits, [B, 1917, columns] like the logits; zero on anchors outside the loss. */
  logitGradients: Float32Array;
  /** dLoss/dEncodings of the matched anchors, [Σ positives, 4] in `positiveAnchors` order. */
  boxGradients: Float32Array;
}

/** The `n`-th largest value (1-based); a sort of ~2000 numbers per view is far below a step's cost. */
function nthLargest(values: Float64Array, n: number): number {
  const sorted = values.slice().sort();
  return sorted[sorted.length - n] as number;
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Numerically stable sigmoid cross-entropy of one logit against a 0/1 target. */
const crossEntropy = (x: number, target: number) => Math.max(x, 0) - x * target + Math.log1p(Math.exp(-Math.abs(x)));

/**
 * Class term of view `b`: per anchor, the cross-entropy summed over the columns; which negatives count
 * (the hardest 3 × positives, at least MIN_NEGATIVES, every anchor tied with the last one too); adds
 * the weighted loss' gradient (÷ matched) into `gradients`; returns the weighted loss (before ÷ matched).
 */
function classTerm(
  view: ViewTargets,
  logits: Float32Array,
  base: number,
  columns: number,
  gradients: Float32Array,
  matched: number,
): number {
  const perAnchor = new Float64Array(ANCHOR_COUNT);
  const negativeLoss = new Float64Array(ANCHOR_COUNT);
  for (let anchor = 0; anchor < ANCHOR_COUNT; anchor++) {
    const classId = view.classes[anchor] as number;
    let sum = 0;
    for (let column = 0; column < columns; column++)
      sum += crossEntropy(logits[base + anchor * columns + column] as number, column === classId ? 1 : 0);
    perAnchor[anchor] = sum;
    negativeLoss[anchor] = classId > 0 || view.ignored[anchor] ? EXCLUDED : sum;
  }
  const wanted = Math.min(MOST_NEGATIVES, Math.max(MIN_NEGATIVES, NEGATIVES_PER_POSITIVE * view.positives));
  const threshold = nthLargest(negativeLoss, wanted);
  let total = 0;
  for (let anchor = 0; anchor < ANCHOR_COUNT; anchor++) {
    const classId = view.classes[anchor] as number;
    const weight = (classId > 0 ? 1 : 0) + ((negativeLoss[anchor] as number) >= threshold ? 1 : 0);
    if (!weight) continue;
    total += weight * (perAnchor[anchor] as number);
    for (let column = 0; column < columns; column++) {
      const at = base + anchor * columns + column;
      gradients[at] = (weight * (sigmoid(logits[at] as number) - (column === classId ? 1 : 0))) / matched;
    }
  }
  return total;
}

/**
 * The loss of a batch from its outputs: `logits` [B, 1917, columns] and `matchedEncodings`, the box
 * encodings predicted at each view's matched anchors ([Σ positives, 4] in `positiveAnchors` order).
 */
export function headLoss(
  views: readonly ViewTargets[],
  logits: Float32Array,
  matchedEncodings: Float32Array,
  columns: number,
): HeadLoss {
  const matched = Math.max(
    1,
    views.reduce((sum, view) => sum + view.positives, 0),
  );
  const logitGradients = new Float32Array(views.length * ANCHOR_COUNT * columns);
  let sum = 0;
  views.forEach((view, b) => {
    sum += classTerm(view, logits, b * ANCHOR_COUNT * columns, columns, logitGradients, matched);
  });

  const boxGradients = new Float32Array(matchedEncodings.length);
  let row = 0;
  for (const view of views) {
    for (const anchor of view.positiveAnchors) {
      for (let coordinate = 0; coordinate < 4; coordinate++) {
        const at = row * 4 + coordinate;
        const error = (matchedEncodings[at] as number) - (view.encodings[anchor * 4 + coordinate] as number);
        const size = Math.abs(error);
        // Smooth L1 (Huber, δ = 1): quadratic near zero, linear beyond.
        sum += size <= 1 ? 0.5 * error * error : size - 0.5;
        boxGradients[at] = Math.max(-1, Math.min(1, error)) / matched;
      }
      row++;
    }
  }
  return { loss: sum / matched, logitGradients, boxGradients };
}
