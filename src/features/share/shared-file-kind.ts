// What a file shared to the app is, judged by its bytes: a download from LINE or mail often arrives as
// "download" or "file.bin", so neither its name nor its MIME type can be trusted.
import { strFromU8 } from 'fflate';
import { isZipFile } from '../../dataset/import-files.ts';
import { TRAINED_FORMAT } from '../../model/trained-model.ts';
import { IMPORT_LIMITS } from '../../shared/import-limits.ts';
import { ProblemError } from '../../shared/problem.ts';
import { listZip, readZipEntry, type ZipEntry } from '../../shared/safe-zip.ts';

/**
 * - model: a zip whose model.json is a Tama Lab model (the loader then checks it fully);
 * - dataset: a zip holding at least one image (COCO, YOLO or bare photos);
 * - not-zip: anything else, e.g. a text file renamed .zip;
 * - corrupt: starts like a zip but cannot be read (truncated, damaged);
 * - other: a readable zip that is neither.
 * A zip that is hostile (a name climbing out of it, too many entries, a zip bomb) throws its ProblemError.
 */
export type SharedFileKind = 'model' | 'dataset' | 'not-zip' | 'corrupt' | 'other';

const IMAGE_NAME = /\.(jpe?g|png|webp|gif|bmp|avif)$/i;
const MODEL_JSON = /(^|\/)model\.json$/;
async function isOurModelJson(file: Blob, entry: ZipEntry): Promise<boolean> {
  // A model.json is a few kilobytes; a bigger one is not ours, and reading it would only cost memory.
  if (!MODEL_JSON.test(entry.name) || entry.size > IMPORT_LIMITS.maxModelJsonBytes) return false;
  try {
    return (
      (JSON.parse(strFromU8(await readZipEntry(file, entry))) as { format?: unknown } | null)?.format === TRAINED_FORMAT
    );
  } catch (error) {
    if (error instanceof ProblemError && error.problem.code === 'archive.bomb') throw error;
    return false;
  }
}

export async function sharedFileKind(file: Blob): Promise<SharedFileKind> {
  if (!(await isZipFile(file))) return 'not-zip';
  let entries: ZipEntry[];
  try {
    // Reads the directory and only model.json candidates: a dataset's photos are not even read.
    entries = await listZip(file);
  } catch (error) {
    if (error instanceof ProblemError && error.problem.code !== 'archive.unreadable') throw error;
    return 'corrupt';
  }
  const visible = entries.filter((entry) => !entry.name.startsWith('__MACOSX/'));
  for (const entry of visible) if (await isOurModelJson(file, entry)) return 'model';
  if (visible.some((entry) => IMAGE_NAME.test(entry.name))) return 'dataset';
  return 'other';
}
