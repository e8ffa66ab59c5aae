// The real photos `train:default --real DIR` learns from, split by photo (never an augmented copy on
// both sides), with the committed evaluation set's photos left out entirely.
import { createHash } from 'node:crypto';
import { REAL_SOURCES, type RealSource } from '../../src/dataset/real-sources.ts';
import type { TrainItem } from '../lib/train-session.ts';
import { type RealPhoto, readRealSource } from './yolo.ts';

export interface RealMix {
  train: TrainItem[];
  /** Per source, the photos that validate it (RECIPE.json reports each source's numbers on these). */
  val: Map<string, TrainItem[]>;
  /** What each source gave, for RECIPE.json. */
  used: Map<string, { train: number; val: number; heldForEvaluation: number; balls: number }>;
}

export interface MixOptions {
  seed: number;
  /** Share of each source's photo groups that validates (by a hash of the group, so stable). */
  valShare: number;
  /** At most this many photos of each negative source (they outnumber the balls). */
  negativesPerSource: number;
}

/** A number in [0, 1) from the group name and the seed: the same photo always lands on the same side. */
function unit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

const asItem = (photo: RealPhoto): TrainItem => ({
  path: photo.path,
  boxes: photo.boxes.map(({ box }) => ({ box, label: 'ball' })),
});

/**
 * Roboflow's train split holds augmented copies of each photo; one per group is kept (the training
 * worker augments by itself). Photos of shippable sources outside their train split are the committed
 * evaluation set (datasets/real-val): never trained on, and neither is any copy of them.
 */
function photosToUse(source: RealSource, photos: RealPhoto[]): { kept: RealPhoto[]; held: number } {
  const evaluation = new Set(
    source.mayShip ? photos.filter((photo) => photo.split !== 'train').map((photo) => photo.group) : [],
  );
  const byGroup = new Map<string, RealPhoto>();
  for (const photo of photos) {
    if (evaluation.has(photo.group) || byGroup.has(photo.group)) continue;
    byGroup.set(photo.group, photo);
  }
  return { kept: [...byGroup.values()], held: evaluation.size };
}

export function mixRealPhotos(root: string, options: MixOptions): RealMix {
  const mix: RealMix = { train: [], val: new Map(), used: new Map() };
  for (const source of REAL_SOURCES) {
    const { kept, held } = photosToUse(source, readRealSource(root, source));
    let chosen = kept;
    if (source.role === 'negatives') {
      chosen = [...kept]
        .sort((a, b) => unit(`${options.seed}:${a.group}`) - unit(`${options.seed}:${b.group}`))
        .slice(0, options.negativesPerSource)
        .map((photo) => ({ ...photo, boxes: [] }));
    }
    const isVal = (photo: RealPhoto) => unit(`split:${photo.group}`) < options.valShare;
    const train = chosen.filter((photo) => !isVal(photo)).map(asItem);
    const val = chosen.filter(isVal).map(asItem);
    mix.train.push(...train);
    mix.val.set(source.slug, val);
    const balls = chosen.reduce((sum, photo) => sum + photo.boxes.length, 0);
    mix.used.set(source.slug, { train: train.length, val: val.length, heldForEvaluation: held, balls });
  }
  return mix;
}

/** A seeded shuffle, so chunks mix sources and the same options give the same chunks. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  return items
    .map((item, index) => ({ item, key: unit(`${seed}:${index}`) }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}
