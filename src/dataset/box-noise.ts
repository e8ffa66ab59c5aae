// 悪い教師 for boxes: seeded, exact corruptions of a dataset's box labels, the mistakes a class of
// labellers makes. *missed* drops boxes, *loose* moves and rescales them, *extra* draws boxes where
// there is no ball, *class* gives boxes another class. The noise lab applies one kind at a time; the
// label checker's test applies several at once, each to different boxes, and keeps the list of what
// it did as the answer key.
import { type Box, iou } from '../model/geometry.ts';
import { LABEL_MISTAKES, type LabelMistake } from '../shared/label-mistakes.ts';
import { Random } from '../shared/random.ts';
import type { LabeledBox } from './dataset-store.ts';

export const BOX_NOISE_KINDS = LABEL_MISTAKES;
export type BoxNoiseKind = LabelMistake;

/** What the corruptions read of a photo; everything else the caller keeps is carried along untouched. */
export interface NoisyImage {
  id: string;
  width: number;
  height: number;
  boxes: LabeledBox[];
  /** Marked "no ball"; a photo whose every box was dropped becomes one, as its labeller said so. */
  negative?: boolean;
}

/** One mistake made on purpose: `box` is the label as it now is (for `missed`, the box taken away). */
export interface InjectedError {
  imageId: string;
  kind: BoxNoiseKind;
  box: Box;
  label: string;
  /** The true box (`loose`) or class (`class`) before the change. */
  original?: LabeledBox;
}

export interface NoiseOptions {
  /** Share of the dataset's boxes per kind (`extra`: as many new boxes as that share of the boxes). */
  rates: Partial<Record<BoxNoiseKind, number>>;
  seed: number;
  /** How far a loose box moves, as a share of its own size (and how much it may grow or shrink). */
  looseBy?: number;
  /** The classes a `class` mistake may pick from; the dataset's own when left out. */
  classes?: readonly string[];
}

export class BoxNoiseError extends Error {
  constructor(readonly reason: 'rate' | 'one-class' | 'no-boxes') {
    super(
      {
        rate: 'noise rates must be within 0…1 and add up to at most 1',
        'one-class': 'a wrong-class mistake needs at least two classes',
        'no-boxes': 'the dataset has no boxes to corrupt',
      }[reason],
    );
  }
}

export const DEFAULT_LOOSE_BY = 0.4;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * A box moved by `by` of its size in a random direction, rescaled by up to ±by/2. Directions that would
 * leave the picture are tried again; a box too big to move that far inside it is moved as far as it can.
 */
function loosen([x, y, w, h]: Box, by: number, width: number, height: number, random: Random): Box {
  const scale = 1 + random.range(-by / 2, by / 2);
  const nw = Math.min(width, w * scale);
  const nh = Math.min(height, h * scale);
  const at = (angle: number): [number, number] => [
    x + w / 2 + Math.cos(angle) * by * w - nw / 2,
    y + h / 2 + Math.sin(angle) * by * h - nh / 2,
  ];
  const inside = ([left, top]: [number, number]) => left >= 0 && top >= 0 && left + nw <= width && top + nh <= height;
  let place = at(random.range(0, 2 * Math.PI));
  for (let attempt = 0; attempt < 12 && !inside(place); attempt++) place = at(random.range(0, 2 * Math.PI));
  return [clamp(place[0], 0, width - nw), clamp(place[1], 0, height - nh), nw, nh];
}

/**
 * A box the size of `like` (shrunk to fit) somewhere on `image` that touches none of its boxes nor any
 * of its true `balls` (a dropped one included), if one is found.
 */
function freeSpot(image: NoisyImage, balls: readonly LabeledBox[], like: Box, random: Random): Box | undefined {
  let w = Math.min(like[2], image.width * 0.5);
  let h = Math.min(like[3], image.height * 0.5);
  // Beside a close-up there is no room for a box its size: smaller ones are tried, down to 16 px.
  while (Math.min(w, h) >= 16) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const spot: Box = [random.range(0, image.width - w), random.range(0, image.height - h), w, h];
      if ([...image.boxes, ...balls].every((other) => iou(other.box, spot) === 0)) return spot;
    }
    w /= 2;
    h /= 2;
  }
  return undefined;
}

/** `count` distinct items of `pool` in a seeded order (partial Fisher–Yates). */
function take<T>(pool: T[], count: number, random: Random): T[] {
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.splice(0, count);
}

/**
 * A corrupted copy of `images` (the input is left as it was) and the list of mistakes. Exactly
 * round(rate × boxes) boxes per kind, kinds never sharing a box; extra boxes as many of those as find
 * a free place (photos filled by one close-up may have none). The same seed gives the same mistakes.
 */
export function injectBoxNoise<T extends NoisyImage>(
  images: readonly T[],
  options: NoiseOptions,
): { images: T[]; errors: InjectedError[] } {
  const rates = BOX_NOISE_KINDS.map((kind) => [kind, options.rates[kind] ?? 0] as const);
  const onExisting = rates.filter(([kind]) => kind !== 'extra').reduce((sum, [, rate]) => sum + rate, 0);
  if (rates.some(([, rate]) => !(rate >= 0 && rate <= 1)) || onExisting > 1 + 1e-9) throw new BoxNoiseError('rate');
  const random = new Random(options.seed);
  const copies = images.map((image) => ({ ...image, boxes: image.boxes.map((b) => ({ ...b })) }));
  const slots = copies.flatMap((image, i) => image.boxes.map((_, b) => ({ image: i, box: b })));
  const total = slots.length;
  const wanted = (kind: BoxNoiseKind) => Math.round((options.rates[kind] ?? 0) * total);
  if (!total && rates.some(([, rate]) => rate > 0)) throw new BoxNoiseError('no-boxes');
  const classes = [...new Set(options.classes ?? images.flatMap((image) => image.boxes.map((b) => b.label)))];
  if (wanted('class') > 0 && classes.length < 2) throw new BoxNoiseError('one-class');

  const errors: InjectedError[] = [];
  const dropped = new Set<string>();
  const by = options.looseBy ?? DEFAULT_LOOSE_BY;
  for (const kind of ['missed', 'loose', 'class'] as const) {
    for (const slot of take(slots, wanted(kind), random)) {
      const image = copies[slot.image] as T;
      const labeled = image.boxes[slot.box] as LabeledBox;
      const original = { box: [...labeled.box] as Box, label: labeled.label };
      if (kind === 'missed') dropped.add(`${slot.image}/${slot.box}`);
      if (kind === 'loose') labeled.box = loosen(labeled.box, by, image.width, image.height, random);
      if (kind === 'class') labeled.label = random.pick(classes.filter((name) => name !== labeled.label));
      errors.push({
        imageId: image.id,
        kind,
        box: kind === 'missed' ? original.box : labeled.box,
        label: labeled.label,
        ...(kind === 'missed' ? {} : { original }),
      });
    }
  }
  copies.forEach((image, i) => {
    const before = image.boxes.length;
    image.boxes = image.boxes.filter((_, b) => !dropped.has(`${i}/${b}`));
    if (before && !image.boxes.length && 'negative' in image) image.negative = true;
  });

  const sizes = images.flatMap((image) => image.boxes);
  for (let added = 0, attempts = 0; added < wanted('extra') && attempts < wanted('extra') * 20; attempts++) {
    const index = random.int(0, copies.length - 1);
    const image = copies[index] as T;
    const like = random.pick(sizes);
    const spot = freeSpot(image, images[index]?.boxes ?? [], like.box, random);
    if (!spot) continue;
    image.boxes.push({ box: spot, label: like.label });
    errors.push({ imageId: image.id, kind: 'extra', box: spot, label: like.label });
    added++;
  }
  return { images: copies, errors };
}
