// Shared by `npm run train` and `npm run bench:train`: one fine-tuning run in the harness page (the
// app's own training worker), and writing its model folder.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseCoco } from '../../src/dataset/coco.ts';
import type { EpochReport, TrainedModelMeta, TrainSettings } from '../../src/model/trained-model.ts';
import type { BackendChoice } from '../../src/shared/backend/backends.ts';
import { errorMessage, UsageError } from './detector-session.ts';
import type { Harness } from './harness.ts';

export interface TrainItem {
  path: string;
  boxes: { box: [number, number, number, number]; label: string }[];
}

export interface TrainRun {
  meta: TrainedModelMeta;
  files: { json: string; weightsBase64: string };
}

let reporter: ((report: EpochReport) => void) | undefined;
const exposed = new WeakSet<Harness>();

export async function trainInHarness(
  harness: Harness,
  request: {
    train: TrainItem[];
    val: TrainItem[];
    settings: TrainSettings;
    backend: BackendChoice;
    name: string;
    /** Heads to start from instead of the default model, and generated scenes to add (train:default --real). */
    start?: { json: string; weightsBase64: string };
    scenes?: { seed: number; from: number; count: number };
  },
  onEpoch: (report: EpochReport) => void = () => {},
): Promise<TrainRun> {
  if (!exposed.has(harness)) {
    await harness.page.exposeFunction('tamaOnEpoch', (report: EpochReport) => reporter?.(report));
    exposed.add(harness);
  }
  reporter = onEpoch;
  const serve = (items: TrainItem[]) =>
    Promise.all(items.map(async (item) => ({ url: await harness.serveFile(item.path), boxes: item.boxes })));
  const files = await harness.page.evaluate((r) => window.tama.train(r), {
    train: await serve(request.train),
    val: await serve(request.val),
    settings: request.settings,
    backend: request.backend,
    name: request.name,
    ...(request.start ? { start: request.start } : {}),
    ...(request.scenes?.count ? { scenes: request.scenes } : {}),
  });
  reporter = undefined;
  return { meta: JSON.parse(files.json) as TrainedModelMeta, files };
}

export function writeModelFolder(folder: string, run: TrainRun): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'model.json'), run.files.json);
  writeFileSync(join(folder, 'weights.bin'), Buffer.from(run.files.weightsBase64, 'base64'));
}

/** The SHA-256 of a model folder's weights.bin: what RECIPE.json records and a unit test checks. */
export function weightsSha256(folder: string): string {
  return createHash('sha256')
    .update(readFileSync(join(folder, 'weights.bin')))
    .digest('hex');
}

/** A COCO file's photos (paths resolved next to it) with their boxes; bad files are usage errors. */
export function readDataset(path: string, option: string): TrainItem[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${option} ${path}: ${code === 'ENOENT' ? 'no such file' : errorMessage(error)}`);
  }
  let coco: ReturnType<typeof parseCoco>;
  try {
    coco = parseCoco(text);
  } catch (error) {
    throw new UsageError(`${option} ${path}: ${errorMessage(error)}`);
  }
  const names = new Map(coco.categories.map((c) => [c.id, c.name]));
  return coco.images.map((image) => ({
    path: resolve(dirname(path), image.file_name),
    boxes: coco.annotations
      .filter((a) => a.image_id === image.id)
      .map((a) => ({ box: a.bbox, label: names.get(a.category_id) as string })),
  }));
}
