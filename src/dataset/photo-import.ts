// Photos from the file picker, drag and drop or the clipboard, made ready for the dataset: decoded
// (anything unreadable is reported, not stored) and downscaled so a 12-megapixel phone photo does not
// cost 5 MB of storage and seconds of decoding on every visit. Only real JPEG, PNG, WebP, GIF, BMP or
// AVIF bytes are decoded, and only up to the pixel cap (see image-check.ts).

import { IMPORT_LIMITS } from '../shared/import-limits.ts';
import { ProblemError, problem } from '../shared/problem.ts';
import type { NewImage } from './dataset-store.ts';
import { checkImageBytes } from './image-check.ts';
import { DEFAULT_MAX_SIDE } from './photo-size.ts';
import { type SkippedItem, skippedByError, skippedItem } from './skipped.ts';
import { formatBytes } from './storage-status.ts';

export interface PhotoImportReport {
  images: NewImage[];
  skipped: SkippedItem[];
}

/**
 * Checks the bytes, decodes and, if larger than `maxSide` on its longer side, re-encodes a photo as
 * JPEG. Throws a ProblemError for a file that is too large, not an image, or above the pixel cap.
 */
export async function preparePhoto(
  file: Blob,
  maxSide = DEFAULT_MAX_SIDE,
  limits = IMPORT_LIMITS,
): Promise<{ blob: Blob; width: number; height: number }> {
  if (file.size > limits.maxPhotoBytes) {
    const limit = formatBytes(limits.maxPhotoBytes);
    throw new ProblemError(problem('file.tooLarge', `larger than ${limit}`, { limit }));
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The type the bytes have, not the one the file claims: this is what is decoded and stored.
  const { mime } = checkImageBytes(bytes, 'the file', limits);
  const checked = new Blob([bytes], { type: mime });
  // Phones store portrait photos sideways with an EXIF rotation: apply it, as every image viewer does.
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(checked, { imageOrientation: 'from-image' });
  } catch (error) {
    const why = error instanceof Error ? ` (${error.message})` : '';
    throw new ProblemError(problem('image.unreadable', `corrupt or unsupported image${why}`));
  }
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const keepsFile = scale === 1 && /^image\/(jpeg|png|webp)$/.test(mime);
    if (keepsFile) return { blob: file.type === mime ? file : checked, width, height };
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }), width, height };
  } finally {
    bitmap.close();
  }
}

export async function importPhotos(files: readonly File[], maxSide = DEFAULT_MAX_SIDE): Promise<PhotoImportReport> {
  const report: PhotoImportReport = { images: [], skipped: [] };
  for (const file of files) {
    if (file.type && !file.type.startsWith('image/')) {
      report.skipped.push(skippedItem(file.name, 'file.notImage', `not an image (${file.type})`));
      continue;
    }
    try {
      report.images.push({ ...(await preparePhoto(file, maxSide)), source: 'import' });
    } catch (error) {
      report.skipped.push(skippedByError(file.name, error, 'image.unreadable'));
    }
  }
  return report;
}
