// How a graph turns a preprocessed picture into scores and boxes: COCO-SSD's whole graph with its own
// post-processing, or the graph up to the box predictors with our heads on top.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor, Tensor2D } from '@tensorflow/tfjs';
import { generateAnchors } from './anchors.ts';
import { COCO_CLASSES, SPORTS_BALL } from './coco-classes.ts';
import {
  ACTIVATION_NODES,
  decodeBoxes,
  headsFromGraph,
  isWholeCocoGraph,
  type LevelHeads,
  runHeads,
} from './ssd-heads.ts';

type Tf = typeof tfTypes;

// The graph's own preprocessor resizes inside a TensorArray while-loop, which forces executeAsync and
// is slow on GPUs. We resize on the device ourselves and feed the node right after that loop instead.
export const INPUT_NODE = 'Preprocessor/sub';
const SCORES_NODE = 'Postprocessor/Slice'; // [1, anchors, 90] sigmoid scores, background removed
const BOXES_NODE = 'Postprocessor/ExpandDims_1'; // [1, anchors, 1, 4] decoded [ymin, xmin, ymax, xmax]

/** Turns one preprocessed input [1, size, size, 3] into scores [anchors, columns] and corners [anchors, 4]. */
export interface GraphRunner {
  /** Label of each score column; null for unused columns. */
  readonly labels: readonly (string | null)[];
  run(input: Tensor): [Tensor, Tensor];
  dispose(): void;
}

/** The whole COCO-SSD graph with its own post-processing: all 90 classes. */
export function wholeGraphRunner(tf: Tf, model: GraphModel): GraphRunner {
  return {
    labels: COCO_CLASSES,
    run(input) {
      const outputs = model.execute({ [INPUT_NODE]: input }, [SCORES_NODE, BOXES_NODE]) as Tensor[];
      const [scores, boxes] = outputs as [Tensor, Tensor];
      const count = scores.shape[1] as number;
      const reshaped = tf.tidy(() => [scores.reshape([count, -1]), boxes.reshape([count, 4])] as [Tensor, Tensor]);
      tf.dispose(outputs);
      return reshaped;
    },
    dispose: () => model.dispose(),
  };
}

/** The graph up to the box-predictor activations, then our own 1×1 heads (trained, or COCO's own columns). */
export function headsRunner(tf: Tf, model: GraphModel, heads: LevelHeads[], labels: readonly string[]): GraphRunner {
  // Anchors per input size, made when a size is first used (live video and photos may differ).
  const anchorsBySize = new Map<number, Tensor2D>();
  const anchorsFor = (size: number): Tensor2D => {
    let anchors = anchorsBySize.get(size);
    if (!anchors) {
      const corners = generateAnchors(size);
      // Made inside the frame's tidy, kept for the detector's lifetime.
      anchors = tf.keep(tf.tensor2d(corners, [corners.length / 4, 4]));
      anchorsBySize.set(size, anchors);
    }
    return anchors;
  };
  return {
    labels,
    run(input) {
      const activations = model.execute({ [INPUT_NODE]: input }, [...ACTIVATION_NODES]) as Tensor[];
      try {
        return tf.tidy(() => {
          const { encodings, logits } = runHeads(tf, activations, heads, labels.length);
          const count = logits.shape[1] as number;
          // Column 0 is background; the rest are the classes, each its own sigmoid as in COCO-SSD.
          const scores = tf.sigmoid(logits.slice([0, 0, 1], [-1, -1, -1])).reshape([count, -1]);
          const anchors = anchorsFor(input.shape[1] as number);
          return [scores, decodeBoxes(tf, anchors, encodings).reshape([count, 4])] as [Tensor, Tensor];
        });
      } finally {
        tf.dispose(activations);
      }
    },
    dispose() {
      model.dispose();
      tf.dispose([...heads.flatMap((head) => Object.values(head)), ...anchorsBySize.values()]);
    },
  };
}

/**
 * Stock COCO on a graph: the whole graph when it has all classes; on the pruned default variant, COCO's
 * own "sports ball" column as heads, which gives the same scores without the 90-class layers.
 */
export function stockRunner(tf: Tf, model: GraphModel): GraphRunner {
  return isWholeCocoGraph(model)
    ? wholeGraphRunner(tf, model)
    : headsRunner(tf, model, headsFromGraph(tf, model, 1), [SPORTS_BALL]);
}
