// A deterministic train/validation split. It is computed, never stored: the same seed and ratio give
// the same split on every device and after every reload, and changing them re-splits instantly.
import type { StoredImage } from './dataset-store.ts';

export type Split = 'train' | 'val';

export interface SplitSettings {
  seed: number;
  /** Share of groups that go to validation, 0…1. */
  valRatio: number;
}

export const DEFAULT_SPLIT: SplitSettings = { seed: 1, valRatio: 0.25 };

/** FNV-1a, then a murmur-style finaliser so neighbouring seeds give unrelated splits; → [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

/** Frames of one burst are near-duplicates: they share a group, so they never straddle the split. */
export function splitOf(image: Pick<StoredImage, 'id' | 'burstId'>, settings: SplitSettings): Split {
  return unitHash(`${settings.seed}:${image.burstId ?? image.id}`) < settings.valRatio ? 'val' : 'train';
}

export type LabelState = 'labeled' | 'negative' | 'unlabeled';

export function labelStateOf(image: Pick<StoredImage, 'boxes' | 'negative'>): LabelState {
  if (image.boxes.length > 0) return 'labeled';
  return image.negative ? 'negative' : 'unlabeled';
}

export interface DatasetStats {
  images: number;
  boxes: number;
  labeled: number;
  negatives: number;
  unlabeled: number;
  train: number;
  val: number;
  /** Boxes per class name. */
  classes: Record<string, number>;
}

export function datasetStats(images: readonly StoredImage[], settings: SplitSettings): DatasetStats {
  const stats: DatasetStats = {
    images: images.length,
    boxes: 0,
    labeled: 0,
    negatives: 0,
    unlabeled: 0,
    train: 0,
    val: 0,
    classes: {},
  };
  for (const image of images) {
    stats.boxes += image.boxes.length;
    for (const { label } of image.boxes) stats.classes[label] = (stats.classes[label] ?? 0) + 1;
    const state = labelStateOf(image);
    if (state === 'labeled') stats.labeled++;
    else if (state === 'negative') stats.negatives++;
    else stats.unlabeled++;
    stats[splitOf(image, settings)]++;
  }
  return stats;
}
