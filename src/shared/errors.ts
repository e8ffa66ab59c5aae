// Every failure the user sees, in the user's language. The English detail of an error (its message,
// what a parser or the browser said) never goes into these sentences: errorDetail() hands it out
// separately, to be shown folded under them (see ui/error-message.ts).
import { msg, str } from '@lit/localize';
import { networkProblem, PROBLEM_CODES, type Problem, ProblemError } from './problem.ts';
import { StorageFullError } from './storage-full.ts';

export type Stage = 'backend' | 'model' | 'offline' | 'dataset';

function stageLabel(stage: Stage): string {
  switch (stage) {
    case 'backend':
      return msg('Backend error', { id: 'error.stage.backend' });
    case 'model':
      return msg('Model error', { id: 'error.stage.model' });
    case 'offline':
      return msg('Offline error', { id: 'error.stage.offline' });
    case 'dataset':
      return msg('Dataset error', { id: 'error.stage.dataset' });
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * The Problem behind an error, when it is one the catalogue words: a ProblemError's own, a full device,
 * or a failed download (no network, an HTTP status). A ProblemError that crossed from a worker arrives
 * as a plain Error carrying its Problem (workers/problem-transfer.ts); others keep their name and
 * message only, which is enough for the last two.
 */
export function problemOf(error: unknown): Problem | undefined {
  if (error instanceof ProblemError) return error.problem;
  const carried = error instanceof Error ? (error as { problem?: unknown }).problem : undefined;
  if (isProblem(carried)) return carried;
  if (
    error instanceof StorageFullError ||
    (error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'StorageFullError'))
  )
    return { code: 'storage.full', detail: `${error.name}: ${error.message}` };
  return networkProblem(error);
}

/** A Problem that crossed from a worker (workers/problem-transfer.ts): a known code, params of strings or numbers. */
function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (!(PROBLEM_CODES as readonly unknown[]).includes(code)) return false;
  if (params === undefined) return true;
  return (
    typeof params === 'object' &&
    params !== null &&
    Object.values(params).every((param) => typeof param === 'string' || typeof param === 'number')
  );
}

/** What went wrong, in the user's language, without a stage. */
export function describeCause(error: unknown): string {
  const problem = problemOf(error);
  if (problem) return describeProblem(problem);
  if (isAbortError(error) || (error instanceof Error && error.name === 'Cancelled'))
    return msg('Stopped.', { id: 'error.cancelled' });
  return msg('Something unexpected went wrong. Try again; if it happens again, show the details to your teacher.', {
    id: 'error.unexpected',
  });
}

/** "Model error: …" — every error shown to the user names the stage it came from. */
export function describeError(stage: Stage, error: unknown): string {
  return `${stageLabel(stage)}: ${describeCause(error)}`;
}

/** The technical detail to fold under a described error (English, as the code or the browser said it). */
export function errorDetail(error: unknown): string | undefined {
  if (error instanceof ProblemError) return error.problem.detail;
  if (error instanceof Error) {
    const problem = problemOf(error);
    if (problem?.detail) return problem.detail;
    return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message || undefined;
  }
  if (error === undefined || error === null || error === '') return undefined;
  return typeof error === 'string' ? error : String(error);
}

const param = (problem: Problem, key: string): string | number => problem.params?.[key] ?? '?';

/** A Problem in the user's language. */
export function describeProblem(problem: Problem): string {
  const p = (key: string) => param(problem, key);
  switch (problem.code) {
    case 'image.unreadable':
      return msg('The image is damaged or in a format this browser cannot read.', { id: 'problem.image.unreadable' });
    case 'image.notReady':
      return msg('There is no picture yet: wait until the camera or the file shows one.', {
        id: 'problem.image.notReady',
      });
    case 'file.notImage':
      return msg('Not a photo.', { id: 'problem.file.notImage' });
    case 'archive.unreadable':
      return msg('The .zip is damaged, or it is not a .zip file.', { id: 'problem.archive.unreadable' });
    case 'archive.tooLarge':
      return msg(str`The .zip is larger than ${p('limit')}, too large to read on this device.`, {
        id: 'problem.archive.tooLarge',
      });
    case 'archive.entryTooLarge':
      return msg(str`Larger than ${p('limit')}, so it was left out.`, { id: 'problem.archive.entryTooLarge' });
    case 'archive.tooManyImages':
      return msg(str`The .zip holds more than ${p('max')} photos: the rest were left out.`, {
        id: 'problem.archive.tooManyImages',
      });
    case 'archive.duplicateName':
      return msg('Another photo in the .zip has the same file name.', { id: 'problem.archive.duplicateName' });
    case 'archive.missingImage':
      return msg('The labels list this photo, but it is not in the .zip.', { id: 'problem.archive.missingImage' });
    case 'archive.sizeMismatch':
      return msg(str`The labels say the photo is ${p('declared')} pixels, but it is ${p('actual')}.`, {
        id: 'problem.archive.sizeMismatch',
      });
    case 'archive.empty':
      return msg('The .zip holds no photos.', { id: 'problem.archive.empty' });
    case 'box.empty':
      return msg('A box without width or height was left out.', { id: 'problem.box.empty' });
    case 'box.outside':
      return msg(str`A box outside the ${p('size')} photo was left out.`, { id: 'problem.box.outside' });
    case 'yolo.badLine':
      return msg('A line that is not "class cx cy w h" was left out.', { id: 'problem.yolo.badLine' });
    case 'coco.malformed':
      return msg(str`The labels file ${p('file')} is damaged: it is not valid JSON.`, { id: 'problem.coco.malformed' });
    case 'coco.invalid':
      return msg(str`The labels file ${p('file')} has a mistake at ${p('where')}.`, { id: 'problem.coco.invalid' });
    case 'model.filesMissing':
      return msg('This .zip is not a model: a model .zip holds model.json and weights.bin.', {
        id: 'problem.model.filesMissing',
      });
    case 'model.jsonInvalid':
      return msg("The model's model.json is damaged.", { id: 'problem.model.jsonInvalid' });
    case 'model.notTamaLab':
      return msg('This is not a Tama Lab model.', { id: 'problem.model.notTamaLab' });
    case 'model.version':
      return msg(
        str`The model was saved in format version ${p('version')}, and this app reads version ${p('supported')}. Update the app, or export the model again.`,
        { id: 'problem.model.version' },
      );
    case 'model.base':
      return msg(str`The model is built on a base model this app does not have (${p('base')}).`, {
        id: 'problem.model.base',
      });
    case 'model.noClasses':
      return msg('The model names no class to detect.', { id: 'problem.model.noClasses' });
    case 'model.weightsLayout':
      return msg("The model's weights do not fit its classes: the file is damaged.", {
        id: 'problem.model.weightsLayout',
      });
    case 'model.weightsSize':
      return msg('weights.bin has the wrong size: the file is damaged or incomplete.', {
        id: 'problem.model.weightsSize',
      });
    case 'model.noClass':
      return msg(str`The model has no class "${p('label')}".`, { id: 'problem.model.noClass' });
    case 'model.notCocoGraph':
      return msg('This model file is not a COCO-SSD detector.', { id: 'problem.model.notCocoGraph' });
    case 'model.gone':
      return msg('That trained model is no longer on this device.', { id: 'problem.model.gone' });
    case 'storage.full':
      return msg("The device's storage is full. Delete photos or models you no longer need, then try again.", {
        id: 'problem.storage.full',
      });
    case 'storage.openFailed':
      return msg(
        'The photos and models on this device could not be opened. Nothing was deleted: close the other tabs of the app, then reload.',
        { id: 'problem.storage.openFailed' },
      );
    case 'storage.newerVersion':
      return msg(
        'The photos and models on this device were saved by a newer version of the app. Nothing was deleted: reload to update the app.',
        { id: 'problem.storage.newerVersion' },
      );
    case 'network.offline':
      return msg('No network connection. Check the Wi-Fi or mobile data, then try again.', {
        id: 'problem.network.offline',
      });
    case 'network.http':
      return msg(str`The server did not send the file (HTTP ${p('status')}). Try again later.`, {
        id: 'problem.network.http',
      });
    case 'backend.fellBack':
      return msg(str`${p('wanted')} does not work here, so ${p('active')} is used instead.`, {
        id: 'problem.backend.fellBack',
      });
    case 'archive.tooManyEntries':
      return msg(str`The .zip holds more than ${p('max')} files, so it was not read.`, {
        id: 'problem.archive.tooManyEntries',
      });
    case 'archive.badEntryName':
      return msg(
        str`The .zip holds a file named “${p('file')}”, a path that points outside the .zip, so it was not read.`,
        {
          id: 'problem.archive.badEntryName',
        },
      );
    case 'archive.tooLargeUnpacked':
      return msg(str`The .zip would unpack to more than ${p('limit')}, too much for this device, so it was not read.`, {
        id: 'problem.archive.tooLargeUnpacked',
      });
    case 'archive.bomb':
      return msg('A file in the .zip unpacks to far more than it says (a “zip bomb”), so the .zip was not read.', {
        id: 'problem.archive.bomb',
      });
    case 'file.disguised':
      return msg('Named like a photo, but it holds text such as a web page or a script, so it was not read.', {
        id: 'problem.file.disguised',
      });
    case 'file.tooLarge':
      return msg(str`The file is larger than ${p('limit')}, too large to read on this device.`, {
        id: 'problem.file.tooLarge',
      });
    case 'image.tooManyPixels':
      return msg(
        str`The photo is ${p('size')} pixels; this app reads photos up to ${p('max')} megapixels. Take or save it at a lower resolution.`,
        { id: 'problem.image.tooManyPixels' },
      );
    case 'json.forbiddenKey':
      return msg(
        str`The file ${p('file')} holds a key that only program code uses (such as __proto__), so it was not read.`,
        {
          id: 'problem.json.forbiddenKey',
        },
      );
    case 'model.unexpectedEntry':
      return msg(str`The model .zip holds “${p('file')}”; a model .zip holds only model.json and weights.bin.`, {
        id: 'problem.model.unexpectedEntry',
      });
    case 'model.metaInvalid':
      return msg(str`The model's model.json has a mistake at ${p('where')}.`, { id: 'problem.model.metaInvalid' });
    case 'model.weightsNotFinite':
      return msg("The model's weights hold values no trained model has (not a number, or far too large).", {
        id: 'problem.model.weightsNotFinite',
      });
    case 'model.tooManyClasses':
      return msg(str`The model names more than ${p('max')} classes.`, { id: 'problem.model.tooManyClasses' });
    case 'mnist.idxInvalid':
      return msg(str`The MNIST data file ${p('file')} is damaged or is not an MNIST file.`, {
        id: 'problem.mnist.idxInvalid',
      });
    case 'backend.lost':
      return msg(str`The graphics (${p('lost')}) stopped working, so the app continues on ${p('active')}.`, {
        id: 'problem.backend.lost',
      });
    case 'worker.died':
      return msg(
        'The background work stopped by itself (the device may have run out of memory). Nothing you saved is lost.',
        { id: 'problem.worker.died' },
      );
    case 'page.unloaded':
      return msg('This page could not be loaded. Check the connection, then reload.', {
        id: 'problem.page.unloaded',
      });
    default: {
      // Every code has its case (this fails to compile otherwise); a code from another version of the
      // app (a report that crossed a worker or was stored) still gets a sentence.
      const unworded: never = problem.code;
      void unworded;
      return msg('This could not be read.', { id: 'problem.unknown' });
    }
  }
}

/** A skipped item of an import report in the user's language (its `problem`, when the importer gave one). */
export function describeSkip(skip: { reason: string; problem?: Problem }): string {
  return skip.problem ? describeProblem(skip.problem) : msg('This could not be read.', { id: 'problem.unknown' });
}
