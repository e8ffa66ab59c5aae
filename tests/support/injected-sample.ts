// The sample dataset with labelling mistakes put in on purpose (the noise lab's own corruptions), for
// the label checker's tests. Its balls are split into two classes by their kind, so wrong-class
// mistakes are possible: 小さいボール (ping-pong, tennis, baseball) and 大きいボール (the others).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { type InjectedError, injectBoxNoise, type NoiseOptions } from '../../src/dataset/box-noise.ts';

const sample = join(import.meta.dirname, '../../datasets/sample');
const SMALL = new Set(['pingpong', 'tennis', 'baseball']);
export const SAMPLE_CLASSES = ['小さいボール', '大きいボール'] as const;

interface CocoFile {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { image_id: number; bbox: [number, number, number, number]; attributes: { kind: string } }[];
}

export interface SamplePhoto {
  id: string;
  width: number;
  height: number;
  boxes: { box: [number, number, number, number]; label: string }[];
  negative: boolean;
}

/** All 64 photos of the sample (train.json, then val.json), named as in its folder, with two classes. */
export function twoClassSample(): SamplePhoto[] {
  return ['train.json', 'val.json'].flatMap((file) => {
    const coco = JSON.parse(readFileSync(join(sample, file), 'utf8')) as CocoFile;
    return coco.images.map((image) => {
      const boxes = coco.annotations
        .filter((a) => a.image_id === image.id)
        .map((a) => ({ box: a.bbox, label: SAMPLE_CLASSES[SMALL.has(a.attributes.kind) ? 0 : 1] as string }));
      return { id: image.file_name, width: image.width, height: image.height, boxes, negative: !boxes.length };
    });
  });
}

/** The issue's mix: 10 % of the boxes dropped, 10 % moved by 40 % of their size, 5 % extra, 5 % wrong class. */
export const ISSUE_MIX: NoiseOptions['rates'] = { missed: 0.1, loose: 0.1, extra: 0.05, class: 0.05 };

export function injectedSample(seed = 1, rates = ISSUE_MIX): { photos: SamplePhoto[]; errors: InjectedError[] } {
  const { images, errors } = injectBoxNoise(twoClassSample(), { rates, seed });
  return { photos: images, errors };
}

function coco(
  photos: readonly SamplePhoto[],
  name: (photo: SamplePhoto) => string,
  contributor?: (index: number) => string,
) {
  let id = 0;
  return {
    images: photos.map((photo, i) => ({
      id: i + 1,
      file_name: name(photo),
      width: photo.width,
      height: photo.height,
      ...(contributor ? { tama_contributor: contributor(i) } : {}),
    })),
    categories: SAMPLE_CLASSES.map((label, i) => ({ id: i + 1, name: label })),
    annotations: photos.flatMap((photo, i) =>
      photo.boxes.map(({ box, label }) => ({
        id: ++id,
        image_id: i + 1,
        category_id: SAMPLE_CLASSES.indexOf(label as (typeof SAMPLE_CLASSES)[number]) + 1,
        bbox: box,
        area: box[2] * box[3],
        iscrowd: 0,
      })),
    ),
  };
}

/** A COCO folder (one dataset.json naming the sample's photos by absolute path) for the CLI. */
export function writeCocoFolder(folder: string, photos: readonly SamplePhoto[]): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'dataset.json'), JSON.stringify(coco(photos, (photo) => join(sample, photo.id))));
}

/**
 * A COCO .zip as the app imports it: annotations.json and the photos under images/. `contributor`
 * names who took each photo, as a class's merged zips do.
 */
export function cocoZip(photos: readonly SamplePhoto[], contributor?: (index: number) => string): Buffer {
  const files: Record<string, Uint8Array> = {
    'annotations.json': new TextEncoder().encode(JSON.stringify(coco(photos, (photo) => photo.id, contributor))),
  };
  for (const photo of photos) files[photo.id] = readFileSync(join(sample, photo.id));
  return Buffer.from(zipSync(files, { level: 0 }));
}
