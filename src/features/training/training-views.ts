// The first stage of a run: the frozen part of COCO-SSD runs once per (photo, view) and its activations
// are kept with the view's anchor targets, so every epoch after that only runs the small heads. A
// training view keeps the box head's input only at the cells of its matched anchors (the box loss
// reads nothing else): about half the memory, and no copying of the rest at every step.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor, Tensor2D } from '@tensorflow/tfjs';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import { ACTIVATION_NODES, LEVELS } from '../../model/ssd-heads.ts';
import { anchorTargets, type NormalisedBox } from '../../model/ssd-targets.ts';
import type { TrainSettings } from '../../model/trained-model.ts';
import { augmentationFor, renderView } from './augment.ts';
import type { HeadInputs, HeadView } from './head-batch.ts';
import { withPositiveAnchors } from './head-loss.ts';

type Tf = typeof tfTypes;

export interface TrainingImage {
  /** The photo's id in the dataset (kept in a run's checkpoint, so a resumed run finds the same photos). */
  id?: string;
  blob: Blob;
  boxes: LabeledBox[];
}

export interface View extends HeadView {
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

export const viewTensors = (view: View): Tensor[] => [
  ...view.classFeatures,
  ...view.boxFeatures.filter((features): features is Tensor2D => !!features),
];

/** Cells of each level that hold at least one of `anchors` (ascending anchor indices). */
function cellsOf(anchors: Int32Array): Int32Array[] {
  let offset = 0;
  return LEVELS.map(({ size, anchors: perCell }) => {
    const count = size * size * perCell;
    const cells = new Set<number>();
    for (const anchor of anchors)
      if (anchor >= offset && anchor < offset + count) cells.add(Math.floor((anchor - offset) / perCell));
    offset += count;
    return Int32Array.from(cells);
  });
}

/**
 * The heads' inputs of one view from the graph's 12 activations (which it disposes): the class
 * head's at every cell, the box head's at `boxCells` (all of them when undefined).
 */
function headInputs(tf: Tf, activations: Tensor[], boxCells?: Int32Array[]): HeadInputs {
  const cellsKept = LEVELS.map(
    ({ size }, level) => boxCells?.[level] ?? Int32Array.from({ length: size * size }, (_, cell) => cell),
  );
  const [classFeatures, boxFeatures] = tf.tidy(() => {
    const features = LEVELS.map(({ size, channels }, level) => {
      const box = (activations[2 * level] as Tensor).reshape([size * size, channels]) as Tensor2D;
      const cells = cellsKept[level] as Int32Array;
      return [
        (activations[2 * level + 1] as Tensor).reshape([size * size, channels]) as Tensor2D,
        !cells.length ? undefined : boxCells ? (tf.gather(box, cells) as Tensor2D) : box,
      ] as const;
    });
    tf.dispose(activations);
    return [features.map(([cls]) => cls), features.map(([, box]) => box)];
  }) as [Tensor2D[], (Tensor2D | undefined)[]];
  return { classFeatures, boxFeatures, boxCells: cellsKept };
}

/** Runs the frozen graph on one view and keeps what the heads need. */
async function makeView(
  { tf, model, anchorCorners }: FrozenGraph,
  bitmap: ImageBitmap,
  image: TrainingImage,
  seed: number,
  copy: number,
  classes: readonly string[],
  forValidation: boolean,
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
  const targets = withPositiveAnchors(anchorTargets(anchorCorners, boxes));
  const inputs = headInputs(tf, activations, forValidation ? undefined : cellsOf(targets.positiveAnchors));
  // Make sure the work is done now, so progress and ETA mean something.
  await inputs.classFeatures[inputs.classFeatures.length - 1]?.data();
  return {
    ...inputs,
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
            await makeView(
              graph,
              bitmap,
              image,
              settings.seed + views[set].length,
              copy,
              settings.classes,
              set === 'val',
            ),
          );
          onView();
        }
      } finally {
        bitmap.close();
      }
    }
  }
}
