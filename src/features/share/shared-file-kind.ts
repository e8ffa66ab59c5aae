// What a file shared to the app is, judged by its bytes: a download from LINE or mail often arrives as
// "download" or "file.bin", so neither its name nor its MIME type can be trusted.
import { strFromU8, unzipSync } from 'fflate';
import { isZipFile } from '../../dataset/import-files.ts';
import { TRAINED_FORMAT } from '../../model/trained-model.ts';

/**
 * - model: a zip whose model.json is a Tama Lab model (the loader then checks it fully);
 * - dataset: a zip holding at least one image (COCO, YOLO or bare photos);
 * - not-zip: anything else, e.g. a text file renamed .zip;
 * - corrupt: starts like a zip but cannot be read (truncated, damaged);
 * - other: a readable zip that is neither.
 */
export type SharedFileKind = 'model' | 'dataset' | 'not-zip' | 'corrupt' | 'other';

const IMAGE_NAME = /\.(jpe?g|png|webp|gif|bmp|avif)$/i;
const MODEL_JSON = /(^|\/)model\.json$/;
/** A model.json is a few kilobytes; a bigger one is not ours, and reading it would only cost memory. */
const MAX_MODEL_JSON_BYTES = 1024 * 1024;

function isOurModelJson(bytes: Uint8Array): boolean {
  try {
    return (JSON.parse(strFromU8(bytes)) as { format?: unknown } | null)?.format === TRAINED_FORMAT;
  } catch {
    return false;
  }
}

export async function sharedFileKind(file: Blob): Promise<SharedFileKind> {
  if (!(await isZipFile(file))) return 'not-zip';
  const names: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    // Lists every entry but inflates only model.json candidates: a dataset's photos stay compressed.
    entries = unzipSync(new Uint8Array(await file.arrayBuffer()), {
      filter: (entry) => {
        names.push(entry.name);
        return MODEL_JSON.test(entry.name) && entry.originalSize <= MAX_MODEL_JSON_BYTES;
      },
    });
  } catch {
    return 'corrupt';
  }
  const visible = names.filter((name) => !name.startsWith('__MACOSX/') && !name.endsWith('/'));
  if (Object.values(entries).some(isOurModelJson)) return 'model';
  if (visible.some((name) => IMAGE_NAME.test(name))) return 'dataset';
  return 'other';
}
