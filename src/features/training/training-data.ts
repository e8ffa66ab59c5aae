// Which of the user's photos train and which validate, from the dataset and its split settings.
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { type SplitSettings, splitOf } from '../../dataset/split.ts';
import type { TrainingImage } from './training-views.ts';

export interface TrainingData {
  train: TrainingImage[];
  val: TrainingImage[];
  /** Boxes per class over the usable photos. */
  classes: Record<string, number>;
  /** Photos with neither boxes nor a "no ball" mark: not used. */
  unlabeled: number;
  negatives: number;
}

/** Labelled photos and "no ball" photos are used; boxes of classes not in `classes` are dropped. */
export function trainingData(
  images: readonly StoredImage[],
  split: SplitSettings,
  classes?: readonly string[],
): TrainingData {
  const data: TrainingData = { train: [], val: [], classes: {}, unlabeled: 0, negatives: 0 };
  for (const image of images) {
    if (!image.boxes.length && !image.negative) {
      data.unlabeled++;
      continue;
    }
    if (!image.boxes.length) data.negatives++;
    for (const { label } of image.boxes) data.classes[label] = (data.classes[label] ?? 0) + 1;
    const boxes = classes ? image.boxes.filter((b) => classes.includes(b.label)) : image.boxes;
    data[splitOf(image, split)].push({ id: image.id, blob: image.blob, boxes });
  }
  return data;
}

/**
 * Views per photo when the user has not chosen: 3 for a real dataset, more for a handful of photos
 * (one photo gets 16), so every run sees about 48 different pictures.
 */
export function defaultViewsPerPhoto(trainPhotos: number): number {
  return Math.min(16, Math.max(3, Math.ceil(48 / Math.max(1, trainPhotos))));
}
