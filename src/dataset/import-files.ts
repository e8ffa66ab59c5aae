// Whatever the user brings in at once (file picker, drag and drop, clipboard): photos and dataset
// .zips side by side. Each file is read and checked on its own, every file or entry left out is
// reported with its reason, and what is kept is stored in one transaction: all of it lands, or none.
import { importArchive } from './archive.ts';
import { contentHash } from './content-hash.ts';
import type { DatasetStore, NewImage, StoredImage } from './dataset-store.ts';
import { importPhotos } from './photo-import.ts';
import { DEFAULT_MAX_SIDE } from './photo-size.ts';
import { type SkippedItem, skippedByError } from './skipped.ts';

export type { SkippedItem } from './skipped.ts';

export interface PreparedImport {
  images: NewImage[];
  skipped: SkippedItem[];
}

export interface FileImportReport {
  stored: StoredImage[];
  skipped: SkippedItem[];
  /** Photos left out because the dataset (or this import) already has the same bytes. */
  duplicates: number;
}

/** A zip's first four bytes: "PK" and a local file header (3 4), or the end record (5 6) of an empty archive. */
export async function isZipFile(file: Blob): Promise<boolean> {
  const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return (
    magic[0] === 0x50 && magic[1] === 0x4b && (magic[2] === 3 || magic[2] === 5) && (magic[3] === 4 || magic[3] === 6)
  );
}

/**
 * Reads dataset .zips (COCO, YOLO or bare images) and photos, ready to store: the archives' images
 * first, then the photos, each downscaled to `maxSide`. What an archive skips is named "zip: entry".
 */
export async function prepareImport(files: readonly File[], maxSide = DEFAULT_MAX_SIDE): Promise<PreparedImport> {
  const images: NewImage[] = [];
  const skipped: SkippedItem[] = [];
  // By content, not name: downloads and shares often lose the extension.
  const zipped = await Promise.all(files.map(isZipFile));
  for (const file of files.filter((_, i) => zipped[i])) {
    try {
      const report = await importArchive(file);
      skipped.push(...report.skipped.map((s) => ({ ...s, item: `${file.name}: ${s.item}` })));
      // A photo from a zip is a classmate's: it keeps the name the zip gives it, or stays without one.
      images.push(
        ...report.images.map(({ name: _name, contributor, ...image }) => ({
          ...image,
          source: 'import' as const,
          contributor: contributor ?? null,
        })),
      );
    } catch (error) {
      // Only a storage or programming failure is not a ProblemError here; the file is still named.
      skipped.push(skippedByError(file.name, error, 'archive.unreadable'));
    }
  }
  const photos = await importPhotos(
    files.filter((_, i) => !zipped[i]),
    maxSide,
  );
  images.push(...photos.images);
  skipped.push(...photos.skipped);
  return { images, skipped };
}

/**
 * Prepares the files and stores every new image in one transaction; a photo whose bytes the dataset
 * already holds (the sample added twice, the same zip from two students) is counted, not stored again.
 * Throws StorageFullError, with nothing stored, when the device is full.
 */
export async function importFiles(
  files: readonly File[],
  store: Pick<DatasetStore, 'addAll' | 'list'>,
  maxSide = DEFAULT_MAX_SIDE,
): Promise<FileImportReport> {
  const { images, skipped } = await prepareImport(files, maxSide);
  // Photos stored before hashes were kept have none yet: theirs are worked out here.
  const seen = new Set(
    await Promise.all((await store.list()).map(async (image) => image.hash ?? contentHash(image.blob))),
  );
  const fresh: NewImage[] = [];
  for (const image of images) {
    const hash = image.hash ?? (await contentHash(image.blob));
    if (seen.has(hash)) continue;
    seen.add(hash);
    fresh.push({ ...image, hash });
  }
  return { stored: await store.addAll(fresh), skipped, duplicates: images.length - fresh.length };
}
