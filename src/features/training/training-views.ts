// The first stage of a run: the frozen part of COCO-SSD runs once per (photo, view) and its activations
// are kept with the view's anchor targets, so every epoch after that only runs the small heads.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor } from '@tensorflow/tfjs';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import { ACTIVATION_NODES } from '../../model/ssd-heads.ts';
import { anchorTargets, type NormalisedBox } from '../../model/ssd-targets.ts';
import type { TrainSettings } from '../../model/trained-model.ts';
import { augmentationFor, renderView } from './augment.ts';

type Tf = typeof tfTypes;

export interface TrainingImage {
  blob: Blob;
  boxes: LabeledBox[];
}

export interface View {
  activations: Tensor[];
  classes: Int32Array;
  ignored: Uint8Array;
  encodings: Float32Array;
  positives: number;
  /** Ground truth in normalised corners × 1000 (IoU does not care about the scale). */
  truths: { box: [number, number, number, number]; label: string }[];
}

export interface ViewSets {
  train: View[];
  val: View[];
}

/** What running the frozen graph needs: the graph and its anchors as normalised corners. */
export interface FrozenGraph {
  tf: Tf;
  model: GraphModel;
  anchorCorners: Float32Array;
}

/** Runs the frozen graph on one view and keeps what the heads need. */
async function makeView(
  { tf, model, anchorCorners }: FrozenGraph,
  bitmap: ImageBitmap,
  image: TrainingImage,
  seed: number,
  copy: number,
  classes: readonly string[],
): Promise<View> {
  const classOf = (label: string) => classes.indexOf(label) + 1;
  const { canvas, boxes } = renderView(bitmap, image.boxes, augmentationFor(seed, copy), classOf);
  const input = tf.tidy(() =>
    tf.browser
      .fromPixels(canvas as unknown as ImageBitmap)
      .toFloat()
      .div(127.5)
      .sub(1)
      .expandDims(0),
  );
  let activations: Tensor[];
  try {
    activations = model.execute({ 'Preprocessor/sub': input }, [...ACTIVATION_NODES]) as Tensor[];
  } finally {
    input.dispose();
  }
  // Make sure the work is done now, so progress and ETA mean something.
  await activations[activations.length - 1]?.data();
  const targets = anchorTargets(anchorCorners, boxes);
  return {
    activations,
    ...targets,
    truths: boxes.map(({ corners, classId }: NormalisedBox) => ({
      box: [
        corners[1] * 1000,
        corners[0] * 1000,
        (corners[3] - corners[1]) * 1000,
        (corners[2] - corners[0]) * 1000,
      ] as [number, number, number, number],
      label: classes[classId - 1] as string,
    })),
  };
}

/**
 * Fills `views` with `augmentCopies` views of each training photo and one of each validation photo.
 * Views land in `views` as they are made, so whoever owns it can free them if the run stops halfway.
 */
export async function computeViews(
  graph: FrozenGraph,
  views: ViewSets,
  train: readonly TrainingImage[],
  val: readonly TrainingImage[],
  settings: Pick<TrainSettings, 'augmentCopies' | 'seed' | 'classes'>,
  checkpoint: () => Promise<void>,
  onView: () => void,
): Promise<void> {
  for (const [set, images, copies] of [
    ['train', train, settings.augmentCopies],
    ['val', val, 1],
  ] as const) {
    for (const image of images) {
      const bitmap = await createImageBitmap(image.blob, { imageOrientation: 'from-image' });
      try {
        for (let copy = 0; copy < copies; copy++) {
          await checkpoint();
          views[set].push(
            await makeView(graph, bitmap, image, settings.seed + views[set].length, copy, settings.classes),
          );
          onView();
        }
      } finally {
        bitmap.close();
      }
    }
  }
}
