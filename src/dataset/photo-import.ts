// Photos from the file picker, drag and drop or the clipboard, made ready for the dataset: decoded
// (anything unreadable is reported, not stored) and downscaled so a 12-megapixel phone photo does not
// cost 5 MB of storage and seconds of decoding on every visit.
import type { NewImage } from './dataset-store.ts';
import { type SkippedItem, skippedItem } from './skipped.ts';

export const DEFAULT_MAX_SIDE = 1280;

export interface PhotoImportReport {
  images: NewImage[];
  skipped: SkippedItem[];
}

/** Decodes and, if larger than `maxSide` on its longer side, re-encodes a photo as JPEG. */
export async function preparePhoto(
  file: Blob,
  maxSide = DEFAULT_MAX_SIDE,
): Promise<{ blob: Blob; width: number; height: number }> {
  // Phones store portrait photos sideways with an EXIF rotation: apply it, as every image viewer does.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const keepsFile = scale === 1 && /^image\/(jpeg|png|webp)$/.test(file.type);
    if (keepsFile) return { blob: file, width, height };
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
      const why = error instanceof Error ? ` (${error.message})` : '';
      report.skipped.push(skippedItem(file.name, 'image.unreadable', `corrupt or unsupported image${why}`));
    }
  }
  return report;
}
