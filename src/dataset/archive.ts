// Dataset archives: export as a .zip holding COCO JSON, the images and YOLO txt labels; import the
// same formats. Import never trusts its input: every skipped file or box is reported with its reason,
// and the caller stores the result in one transaction, so a failed import changes nothing.
import { strFromU8, strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Box } from '../model/geometry.ts';
import { IMPORT_LIMITS, type ImportLimits } from '../shared/import-limits.ts';
import { type Problem, type ProblemCode, ProblemError, problem } from '../shared/problem.ts';
import { listZip, readZipEntry, storedEntryBlob, type ZipData, type ZipEntry, zipSource } from '../shared/safe-zip.ts';
import { parseCoco } from './coco.ts';
import { bytesHash, contentHash } from './content-hash.ts';
import type { LabeledBox, StoredImage } from './dataset-store.ts';
import { checkImageBytes, decodedSize, sniffImage } from './image-check.ts';
import { type SkippedItem, skippedItem } from './skipped.ts';
import { type SplitSettings, splitOf } from './split.ts';
import { formatBytes } from './storage-status.ts';

/** The caps of src/shared/import-limits.ts; tests pass smaller ones. */
export const ARCHIVE_LIMITS: ImportLimits = IMPORT_LIMITS;
const imageName = /\.(jpe?g|png|webp|gif|bmp|avif)$/i;

export interface ImportedImage {
  name: string;
  blob: Blob;
  width: number;
  height: number;
  boxes: LabeledBox[];
  negative: boolean;
  burstId?: string;
  /** SHA-256 of `blob` (content-hash.ts), worked out while its bytes were at hand. */
  hash: string;
  /** Who took it, as the archive says; absent when it names nobody. */
  contributor?: string;
}

export interface ImportReport {
  images: ImportedImage[];
  skipped: SkippedItem[];
  format: 'coco' | 'yolo' | 'images';
}

function fileNameFor(image: StoredImage, index: number): string {
  return `images/${String(index + 1).padStart(5, '0')}-${image.id.slice(0, 8)}.jpg`;
}

/**
 * A .zip with annotations.json (COCO), images/, labels/ (YOLO) and classes.txt. With split
 * settings, each COCO image also records its side (`tama_split`) for tools outside the app.
 */
export async function exportArchive(images: readonly StoredImage[], split?: SplitSettings): Promise<Uint8Array> {
  return new Uint8Array(await (await exportArchiveBlob(images, split)).arrayBuffer());
}

/**
 * The same .zip as a Blob, written one photo at a time: each photo's bytes are read, zipped and moved
 * into a Blob (which the browser keeps outside the page, on disk if need be) before the next, so
 * exporting 500 photos holds one photo in memory, not the whole archive twice (zipSync's input and
 * output). Measured on a 79 MB export: 32 → 2 MB of ArrayBuffers still referenced at the sampled peak
 * (tests/e2e/large-dataset.test.ts).
 */
export async function exportArchiveBlob(images: readonly StoredImage[], split?: SplitSettings): Promise<Blob> {
  const parts: Blob[] = [];
  let chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  await writeEntries(images, split, (name, data) => {
    // JPEGs do not shrink under deflate: store them, compress only the text.
    const entry = name.endsWith('.jpg') ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(data, true);
    parts.push(new Blob(chunks as Uint8Array<ArrayBuffer>[]));
    chunks = [];
  });
  zip.end();
  parts.push(new Blob(chunks as Uint8Array<ArrayBuffer>[]));
  if (failure) throw failure;
  return new Blob(parts, { type: 'application/zip' });
}

/** The archive's entries in order, each handed to `add` as soon as it is ready. */
async function writeEntries(
  images: readonly StoredImage[],
  split: SplitSettings | undefined,
  add: (name: string, data: Uint8Array) => void,
): Promise<void> {
  const labels = [...new Set(images.flatMap((image) => image.boxes.map((box) => box.label)))].sort();
  const categories = labels.map((name, i) => ({ id: i + 1, name }));
  const cocoImages = [];
  const annotations = [];
  let annotationId = 1;
  for (const [index, image] of images.entries()) {
    const file = fileNameFor(image, index);
    add(file, new Uint8Array(await image.blob.arrayBuffer()));
    cocoImages.push({
      id: index + 1,
      file_name: file,
      width: image.width,
      height: image.height,
      tama_negative: image.negative,
      ...(image.burstId ? { tama_burst: image.burstId } : {}),
      ...(image.contributor ? { tama_contributor: image.contributor } : {}),
      ...(split ? { tama_split: splitOf(image, split) } : {}),
    });
    const yolo: string[] = [];
    for (const { box, label } of image.boxes) {
      const category = labels.indexOf(label);
      annotations.push({
        id: annotationId++,
        image_id: index + 1,
        category_id: category + 1,
        bbox: box,
        area: box[2] * box[3],
        iscrowd: 0,
      });
      const [x, y, w, h] = box;
      yolo.push(
        [category, (x + w / 2) / image.width, (y + h / 2) / image.height, w / image.width, h / image.height]
          .map((v) => Number(v.toFixed(6)))
          .join(' '),
      );
    }
    // In YOLO an empty label file means "nothing here"; an unlabeled photo gets no file at all.
    if (yolo.length || image.negative)
      add(file.replace(/^images\//, 'labels/').replace(/\.jpg$/, '.txt'), strToU8(yolo.join('\n')));
  }
  add('annotations.json', strToU8(JSON.stringify({ images: cocoImages, annotations, categories }, null, 1)));
  add('classes.txt', strToU8(labels.join('\n')));
}

function checkBox(item: string, box: Box, width: number, height: number): SkippedItem | undefined {
  const [x, y, w, h] = box;
  if (!(w > 0 && h > 0)) return skippedItem(item, 'box.empty', 'non-positive width or height');
  if (x < -1 || y < -1 || x + w > width + 1 || y + h > height + 1)
    return skippedItem(item, 'box.outside', `outside the ${width}×${height} image`, { size: `${width}×${height}` });
  return undefined;
}

/** Enough of a photo to find its size in its header (EXIF included, as cameras write it). */
const HEAD_BYTES = 128 * 1024;

/** The header of a photo's first bytes, if they are enough to tell. */
function sniffOrNot(head: Uint8Array) {
  try {
    return sniffImage(head);
  } catch {
    return undefined;
  }
}

type Inspected = { blob: Blob; hash: string; width: number; height: number } | { skip: ProblemError };

/**
 * Reads a COCO or YOLO .zip (or a zip of bare images). Throws a ProblemError when the archive itself
 * is unusable or hostile — too large, unreadable, too many entries, a name that climbs out of the zip,
 * a zip bomb, broken COCO JSON, SVG or HTML named like a photo — or holds no photo and nothing to
 * report. Entries are inflated one at a time, when needed.
 */
export async function importArchive(zip: ZipData, limits: ImportLimits = ARCHIVE_LIMITS): Promise<ImportReport> {
  // A File is read a slice at a time: the whole archive is never in memory, only one entry.
  const source = zipSource(zip);
  if (source.size > limits.maxArchiveBytes) {
    const limit = formatBytes(limits.maxArchiveBytes);
    throw new ProblemError(problem('archive.tooLarge', `the archive is larger than ${limit}`, { limit }));
  }
  const skipped: SkippedItem[] = [];
  const entries = new Map<string, ZipEntry>();
  for (const entry of await listZip(source, limits)) {
    if (entry.name.startsWith('__MACOSX/')) continue;
    if (entry.size > limits.maxEntryBytes) {
      const limit = formatBytes(limits.maxEntryBytes);
      skipped.push(skippedItem(entry.name, 'archive.entryTooLarge', `larger than ${limit}`, { limit }));
      continue;
    }
    entries.set(entry.name, entry);
  }
  const read = (name: string) => readZipEntry(source, entries.get(name) as ZipEntry);
  const names = [...entries.keys()];
  const cocoName =
    names.find((name) => /(^|\/)annotations\.json$/.test(name)) ?? names.find((name) => name.endsWith('.json'));
  const images: ImportedImage[] = [];
  const seen = new Set<string>();
  const inspected = new Map<string, Inspected>();

  /**
   * Checks the bytes, then decodes: markup named like a photo refuses the whole archive. A stored photo
   * of a File stays a slice of it: only its head is read to check it, then it is hashed as a stream.
   */
  async function inspect(name: string): Promise<Inspected> {
    const known = inspected.get(name);
    if (known) return known;
    let result: Inspected;
    try {
      const slice = await storedEntryBlob(zip, entries.get(name) as ZipEntry);
      let data = slice ? new Uint8Array(await slice.slice(0, HEAD_BYTES).arrayBuffer()) : await read(name);
      let header = sniffOrNot(data);
      // A header further in than the head (a huge EXIF block): the whole photo, as any other entry.
      if (!header && slice && slice.size > HEAD_BYTES) data = await read(name);
      header = checkImageBytes(data, name, limits);
      const blob = slice
        ? new Blob([slice], { type: header.mime })
        : new Blob([data as Uint8Array<ArrayBuffer>], { type: header.mime });
      result = { blob, hash: slice ? await contentHash(blob) : bytesHash(data), ...(await decodedSize(blob)) };
    } catch (error) {
      if (error instanceof ProblemError && error.problem.code === 'file.disguised') throw error;
      const why = error instanceof Error ? ` (${error.message})` : '';
      result = {
        skip:
          error instanceof ProblemError
            ? error
            : new ProblemError(problem('image.unreadable', `corrupt or unsupported image${why}`)),
      };
    }
    inspected.set(name, result);
    return result;
  }

  async function addImage(
    name: string,
    boxes: LabeledBox[],
    negative: boolean,
    declared?: { width: number; height: number; tama_burst?: string; tama_contributor?: string },
  ) {
    const skip = (code: ProblemCode, reason: string, params?: Problem['params']) =>
      skipped.push(skippedItem(name, code, reason, params));
    if (images.length >= limits.maxImages)
      return skip('archive.tooManyImages', `more than ${limits.maxImages} images`, { max: limits.maxImages });
    const base = name.split('/').pop() as string;
    if (seen.has(base)) return skip('archive.duplicateName', 'duplicate file name');
    if (!entries.has(name)) return skip('archive.missingImage', 'referenced but missing from the archive');
    if (!imageName.test(name)) return skip('file.notImage', 'not an image file');
    const image = await inspect(name);
    if ('skip' in image) return skipped.push({ item: name, reason: image.skip.message, problem: image.skip.problem });
    const { blob, hash, width, height } = image;
    if (declared && (declared.width !== width || declared.height !== height)) {
      const said = `${declared.width}×${declared.height}`;
      const actual = `${width}×${height}`;
      return skip('archive.sizeMismatch', `declared ${said} but the image is ${actual}`, { declared: said, actual });
    }
    const kept = boxes.filter(({ box }, i) => {
      const bad = checkBox(`${name} box ${i + 1}`, box, width, height);
      if (bad) skipped.push(bad);
      return !bad;
    });
    seen.add(base);
    images.push({
      name: base,
      blob,
      hash,
      width,
      height,
      boxes: kept,
      negative,
      ...(declared?.tama_burst ? { burstId: declared.tama_burst } : {}),
      ...(declared?.tama_contributor ? { contributor: declared.tama_contributor } : {}),
    });
  }

  if (cocoName) {
    let coco: ReturnType<typeof parseCoco>;
    try {
      coco = parseCoco(strFromU8(await read(cocoName)), limits);
    } catch (error) {
      // parseCoco throws only ProblemErrors; the file name is what it could not know.
      const { code, params, detail } = (error as ProblemError).problem;
      throw new ProblemError(problem(code, `${cocoName}: ${detail}`, { ...params, file: cocoName }));
    }
    const folder = cocoName.includes('/') ? cocoName.slice(0, cocoName.lastIndexOf('/') + 1) : '';
    const category = new Map(coco.categories.map((c) => [c.id, c.name]));
    const boxesOf = new Map<number, LabeledBox[]>();
    for (const a of coco.annotations) {
      const list = boxesOf.get(a.image_id) ?? [];
      list.push({ box: a.bbox, label: category.get(a.category_id) as string });
      boxesOf.set(a.image_id, list);
    }
    for (const image of coco.images) {
      const boxes = boxesOf.get(image.id) ?? [];
      // Plain COCO lists background images without annotations; our own export says so explicitly.
      await addImage(folder + image.file_name, boxes, image.tama_negative ?? boxes.length === 0, image);
    }
    return reportOf({ images, skipped, format: 'coco' });
  }

  const classesName = names.find((name) => /(^|\/)classes\.txt$/.test(name));
  const classes = classesName
    ? strFromU8(await read(classesName))
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
    : [];
  const labelFiles = new Map(
    names
      .filter((name) => name.endsWith('.txt') && name !== classesName)
      .map((name) => [
        name
          .split('/')
          .pop()
          ?.replace(/\.txt$/, ''),
        name,
      ]),
  );
  for (const name of names.filter((n) => !n.endsWith('.txt'))) {
    const stem = name
      .split('/')
      .pop()
      ?.replace(/\.[^.]+$/, '');
    const labelFile = labelFiles.get(stem);
    if (!labelFile) {
      await addImage(name, [], false);
      continue;
    }
    const lines = strFromU8(await read(labelFile))
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    // YOLO boxes are relative: they need the decoded size (addImage reuses this decode).
    const image = imageName.test(name) ? await inspect(name) : undefined;
    const size = image && !('skip' in image) ? image : undefined;
    const boxes: LabeledBox[] = [];
    lines.forEach((line, i) => {
      const parts = line.split(/\s+/).map(Number);
      const [cls, cx, cy, w, h] = parts as [number, number, number, number, number];
      if (parts.length !== 5 || parts.some((v) => !Number.isFinite(v)) || !Number.isInteger(cls) || cls < 0) {
        skipped.push(skippedItem(`${labelFile} line ${i + 1}`, 'yolo.badLine', 'not "class cx cy w h"'));
        return;
      }
      if (!size) return;
      boxes.push({
        box: [(cx - w / 2) * size.width, (cy - h / 2) * size.height, w * size.width, h * size.height],
        label: classes[cls] ?? `class ${cls}`,
      });
    });
    await addImage(name, boxes, boxes.length === 0 && lines.length === 0);
  }
  return reportOf({ images, skipped, format: labelFiles.size ? 'yolo' : 'images' });
}

/** A zip without a photo and without anything to report (empty, or a COCO file listing no image) is refused. */
function reportOf(report: ImportReport): ImportReport {
  if (!report.images.length && !report.skipped.length)
    throw new ProblemError(problem('archive.empty', 'the archive holds no photos'));
  return report;
}
