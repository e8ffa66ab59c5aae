// The datasets `check-labels` and `noise-lab` read: a COCO file, a folder of COCO files (the sample's
// train.json + val.json), or a zip the app exports or imports (read in the page by the app's import).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import type { HarnessPhoto } from '../../src/harness/label-check-harness.ts';
import { UsageError } from './detector-session.ts';
import type { Harness } from './harness.ts';
import { readDataset, type TrainItem } from './train-session.ts';

export type LabelDataset = { kind: 'zip'; path: string } | { kind: 'coco'; files: string[] };

export function locateDataset(path: string | undefined, option = '--dataset'): LabelDataset {
  if (!path) throw new UsageError(`${option} FILE.json|DIR|ZIP is required`);
  const full = resolve(path);
  if (!existsSync(full)) throw new UsageError(`${option} ${path}: no such file or folder`);
  if (statSync(full).isDirectory()) {
    const files = readdirSync(full)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(full, name));
    if (!files.length) throw new UsageError(`${option} ${path}: the folder holds no COCO .json file`);
    return { kind: 'coco', files };
  }
  if (extname(full).toLowerCase() === '.zip') return { kind: 'zip', path: full };
  return { kind: 'coco', files: [full] };
}

/** A COCO file's photos, named as the file names them; a photo without boxes is a "no ball" photo. */
export function cocoItems(file: string, option = '--dataset'): (TrainItem & { name: string })[] {
  return readDataset(file, option).map((item) => ({ ...item, name: relative(dirname(file), item.path) }));
}

export async function servePhotos(
  harness: Harness,
  items: readonly (TrainItem & { name: string })[],
): Promise<HarnessPhoto[]> {
  return Promise.all(
    items.map(async (item) => ({
      url: await harness.serveFile(item.path),
      name: item.name,
      boxes: item.boxes,
      negative: item.boxes.length === 0,
    })),
  );
}

/** A number as the label CLIs print it. */
export const roundTo = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
