// Reads one fetched Roboflow YOLO export (`DIR/<source id>/{train,valid,test}/{images,labels}`) into
// photos with pixel boxes: ball classes mapped to their kind, every other class dropped, polygon rows
// skipped. Image sizes come from the JPEG/PNG header, so nothing is decoded here.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { photoGroup, type RealSource } from '../../src/dataset/real-sources.ts';

export interface RealBox {
  /** COCO [x, y, width, height] in the file's pixels. */
  box: [number, number, number, number];
  kind: string;
}

export interface RealPhoto {
  source: string;
  /** The export's own split: Roboflow's train holds augmented copies, valid/test do not. */
  split: 'train' | 'valid' | 'test';
  path: string;
  group: string;
  width: number;
  height: number;
  boxes: RealBox[];
}

/** Width and height from a JPEG's SOF marker or a PNG's IHDR, reading only the first 64 KiB. */
export function imageSize(path: string): { width: number; height: number } {
  const handle = openSync(path, 'r');
  const head = Buffer.alloc(65_536);
  const length = readSync(handle, head, 0, head.length, 0);
  closeSync(handle);
  if (head.readUInt32BE(0) === 0x89504e47) return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  let at = 2;
  while (at + 9 < length) {
    if (head[at] !== 0xff) throw new Error(`${path}: not a JPEG`);
    const marker = head[at + 1] as number;
    const size = head.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: head.readUInt16BE(at + 5), width: head.readUInt16BE(at + 7) };
    at += 2 + size;
  }
  throw new Error(`${path}: no frame header in the first 64 KiB`);
}

/** YOLO rows (class cx cy w h, normalised) → boxes of the ball classes, clipped to the picture. */
export function parseYoloLabels(text: string, source: RealSource, width: number, height: number): RealBox[] {
  const boxes: RealBox[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/).map(Number);
    if (fields.length !== 5 || fields.some((value) => !Number.isFinite(value))) continue;
    const [cls, cx, cy, w, h] = fields as [number, number, number, number, number];
    const kind = source.ballClasses[cls];
    if (!kind) continue;
    const x0 = Math.max(0, (cx - w / 2) * width);
    const y0 = Math.max(0, (cy - h / 2) * height);
    const x1 = Math.min(width, (cx + w / 2) * width);
    const y1 = Math.min(height, (cy + h / 2) * height);
    if (x1 - x0 >= 1 && y1 - y0 >= 1) boxes.push({ box: [x0, y0, x1 - x0, y1 - y0], kind });
  }
  return boxes;
}

export function readRealSource(root: string, source: RealSource): RealPhoto[] {
  const folder = join(root, source.slug);
  if (!existsSync(folder)) return [];
  const photos: RealPhoto[] = [];
  for (const split of ['train', 'valid', 'test'] as const) {
    const images = join(folder, split, 'images');
    if (!existsSync(images)) continue;
    for (const name of readdirSync(images).sort()) {
      if (!/\.(jpe?g|png)$/i.test(name)) continue;
      if (source.excludePrefixes?.some((prefix) => name.startsWith(prefix))) continue;
      const path = join(images, name);
      const { width, height } = imageSize(path);
      const labelPath = join(folder, split, 'labels', name.replace(/\.[^.]+$/, '.txt'));
      const labels = existsSync(labelPath) ? readFileSync(labelPath, 'utf8') : '';
      const boxes = parseYoloLabels(labels, source, width, height);
      photos.push({
        source: source.slug,
        split,
        path,
        group: `${source.slug}/${photoGroup(name)}`,
        width,
        height,
        boxes,
      });
    }
  }
  return photos;
}
