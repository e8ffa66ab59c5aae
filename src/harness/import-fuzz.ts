// The import fuzzer: valid COCO zips, YOLO zips, model zips and IDX files, mutated by a seeded mutator,
// each fed to the path a user's file takes (the Label page's importFiles, the share target's
// receiveFile, the MNIST parser) with real IndexedDB stores. Per case it checks the promises: no
// uncaught exception or unhandled rejection, every refusal a Problem with a message, and a refusal
// writes nothing (store counts unchanged). The unit test runs a few cases, `npm run bench:fuzz` many.
import { DatasetStore } from '../dataset/dataset-store.ts';
import { importFiles } from '../dataset/import-files.ts';
import { parseMnist } from '../features/mnist/idx.ts';
import { receiveFile } from '../features/share/receive-file.ts';
import { ModelStore } from '../model/model-store.ts';
import type { TrainedModel } from '../model/trained-model.ts';
import { trainedModelFromZip } from '../model/trained-model-zip.ts';
import { describeProblem, problemOf } from '../shared/errors.ts';
import type { Problem } from '../shared/problem.ts';
import { Random } from '../shared/random.ts';
import { mutateIdx, mutateZip } from './fuzz-mutator.ts';
import { datasetZip, mnistPair, modelZip, yoloZip } from './import-fixtures.ts';

export const FUZZ_FORMATS = ['coco', 'yolo', 'model', 'idx'] as const;
export type FuzzFormat = (typeof FUZZ_FORMATS)[number];

export interface FuzzReport {
  format: FuzzFormat;
  cases: number;
  accepted: number;
  /** Refusals by Problem code (or the share page's reason when it needs none, e.g. "refused:not-zip"). */
  rejected: Record<string, number>;
  /** Broken promises: uncaught errors, refusals without a worded Problem, writes on refusal. */
  crashed: number;
  crashes: string[];
  ms: number;
}

interface Stores {
  dataset: DatasetStore;
  models: ModelStore;
}

type Outcome = { accepted: true } | { rejected: string } | { crash: string };

const unknownSentence = () => describeProblem({ code: 'nope' as Problem['code'] });

/** A refusal that keeps the promise: a known code, a sentence of its own and an English detail. */
function worded(problem: Problem | undefined, where: string): Outcome {
  if (!problem) return { crash: `${where}: refused without a Problem` };
  const sentence = describeProblem(problem);
  if (!sentence || sentence === unknownSentence() || !problem.detail)
    return { crash: `${where}: ${problem.code} has no message (${JSON.stringify(problem)})` };
  return { rejected: problem.code };
}

async function counts({ dataset, models }: Stores) {
  return { photos: await dataset.count(), models: (await models.list()).length };
}

/** The Label page's path: one .zip picked. Photos it stores are removed again, so every case starts alike. */
async function datasetCase(bytes: Uint8Array, stores: Stores): Promise<Outcome> {
  const before = await counts(stores);
  const file = new File([bytes as Uint8Array<ArrayBuffer>], 'fuzz.zip', { type: 'application/zip' });
  const report = await importFiles([file], stores.dataset);
  for (const skip of report.skipped) {
    const check = worded(skip.problem, skip.item);
    if ('crash' in check) return check;
  }
  for (const image of report.stored) {
    const bad = image.boxes.find(({ box }) => !box.every(Number.isFinite));
    if (!(image.width > 0 && image.height > 0) || bad) return { crash: `stored an image with a broken box or size` };
    await stores.dataset.delete(image.id);
  }
  const whole = report.skipped.find((skip) => skip.item === file.name);
  if (report.stored.length) return { accepted: true };
  const after = await counts(stores);
  if (after.photos !== before.photos)
    return { crash: `refused, yet the photo count went ${before.photos}→${after.photos}` };
  return whole
    ? worded(whole.problem, 'archive')
    : { rejected: report.duplicates ? 'duplicates-only' : 'no-photo-kept' };
}

/**
 * A model .zip both ways it arrives: shared to the app (receiveFile, which first sorts model from
 * dataset by content) and opened on the Train page (trainedModelFromZip, then the model store). The
 * outcome counted is the Train page's, which reads every file as a model.
 */
async function modelCase(bytes: Uint8Array, stores: Stores): Promise<Outcome> {
  const before = await counts(stores);
  const result = await receiveFile(new File([bytes as Uint8Array<ArrayBuffer>], 'fuzz.zip'), {
    ...stores,
    maxSide: 1280,
  });
  if (result.kind === 'model' && !result.duplicate) await stores.models.delete(result.id);
  if (result.kind === 'dataset') for (const image of await stores.dataset.list()) await stores.dataset.delete(image.id);
  if (result.kind === 'refused') {
    const after = await counts(stores);
    if (after.photos !== before.photos || after.models !== before.models)
      return { crash: `shared: refused (${result.reason}), yet the stores changed` };
    // not-zip, corrupt and other are worded by the page itself; anything else must carry its Problem.
    if (result.problem || !['not-zip', 'corrupt', 'other'].includes(result.reason)) {
      const check = worded(result.problem, `shared: ${result.reason}`);
      if ('crash' in check) return check;
    }
  }
  let model: TrainedModel;
  try {
    model = trainedModelFromZip(bytes);
  } catch (error) {
    return worded(problemOf(error), 'model');
  }
  if (![...model.weights].every(Number.isFinite)) return { crash: 'accepted a model with non-finite weights' };
  await stores.models.put(model);
  await stores.models.delete(model.meta.id);
  return { accepted: true };
}

function idxCase(images: Uint8Array, labels: Uint8Array): Outcome {
  try {
    parseMnist(images, labels);
    return { accepted: true };
  } catch (error) {
    return worded(problemOf(error), 'idx');
  }
}

/** Runs `cases` mutations of `format` from `seed`; `stores` default to fresh throwaway databases. */
export async function runImportFuzz(
  format: FuzzFormat,
  cases: number,
  seed: number,
  stores?: Stores,
): Promise<FuzzReport> {
  const [datasetName, modelsName] = [`fuzz-dataset-${crypto.randomUUID()}`, `fuzz-models-${crypto.randomUUID()}`];
  const own = stores ?? { dataset: new DatasetStore(datasetName, () => undefined), models: new ModelStore(modelsName) };
  const report: FuzzReport = { format, cases, accepted: 0, rejected: {}, crashed: 0, crashes: [], ms: 0 };
  const escaped: string[] = [];
  const onRejection = (event: PromiseRejectionEvent) => escaped.push(`unhandled rejection: ${event.reason}`);
  const onError = (event: ErrorEvent) => escaped.push(`uncaught: ${event.message}`);
  addEventListener('unhandledrejection', onRejection);
  addEventListener('error', onError);
  const started = performance.now();
  try {
    const valid =
      format === 'coco'
        ? await datasetZip()
        : format === 'yolo'
          ? await yoloZip()
          : format === 'model'
            ? modelZip()
            : undefined;
    const mnist = mnistPair();
    for (let i = 0; i < cases; i++) {
      const random = new Random(seed * 100_003 + i);
      let outcome: Outcome;
      try {
        if (format === 'idx') {
          const bentImages = random.chance(0.5);
          outcome = idxCase(
            bentImages ? mutateIdx(mnist.images, random) : mnist.images,
            bentImages ? mnist.labels : mutateIdx(mnist.labels, random),
          );
        } else {
          const bytes = mutateZip(valid as Uint8Array, random);
          outcome = format === 'model' ? await modelCase(bytes, own) : await datasetCase(bytes, own);
        }
      } catch (error) {
        outcome = { crash: `case ${i}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : error}` };
      }
      if (escaped.length) outcome = { crash: `case ${i}: ${escaped.splice(0).join('; ')}` };
      if ('accepted' in outcome) report.accepted++;
      else if ('rejected' in outcome) report.rejected[outcome.rejected] = (report.rejected[outcome.rejected] ?? 0) + 1;
      else {
        report.crashed++;
        if (report.crashes.length < 10) report.crashes.push(`seed ${seed} case ${i}: ${outcome.crash}`);
      }
    }
    // A rejection nobody handled is reported a task later: give the last case's one time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (escaped.length) {
      report.crashed++;
      report.crashes.push(`seed ${seed}, after the last case: ${escaped.join('; ')}`);
    }
  } finally {
    removeEventListener('unhandledrejection', onRejection);
    removeEventListener('error', onError);
    if (!stores) {
      await Promise.all([own.dataset.close(), own.models.close()]);
      for (const name of [datasetName, modelsName]) indexedDB.deleteDatabase(name);
    }
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}
