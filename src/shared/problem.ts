// What went wrong, in a form every layer can produce and only the UI words: a catalogue code with its
// parameters, and the technical detail (English, for a teacher or a bug report) kept beside it.
// model/ and dataset/ cannot use the translation catalogue; they report Problems, and
// describeProblem() (errors.ts) turns them into the user's language.

/**
 * Every failure the cores (and the pages) can report. A union, not a string, so a code without a
 * message in errors.ts does not compile, and a misspelt code cannot silently show "could not be read".
 */
export const PROBLEM_CODES = [
  // photos and files
  'image.unreadable',
  'image.notReady',
  'file.notImage',
  // dataset .zips (COCO, YOLO or bare photos)
  'archive.unreadable',
  'archive.tooLarge',
  'archive.entryTooLarge',
  'archive.tooManyImages',
  'archive.duplicateName',
  'archive.missingImage',
  'archive.sizeMismatch',
  'archive.empty',
  'box.empty',
  'box.outside',
  'yolo.badLine',
  'coco.malformed',
  'coco.invalid',
  // trained models
  'model.filesMissing',
  'model.jsonInvalid',
  'model.notTamaLab',
  'model.version',
  'model.base',
  'model.noClasses',
  'model.weightsLayout',
  'model.weightsSize',
  'model.noClass',
  'model.notCocoGraph',
  'model.gone',
  // the device and the network
  'storage.full',
  'network.offline',
  'network.http',
  'backend.fellBack',
  // hostile or oversized imports (src/shared/import-limits.ts)
  'archive.tooManyEntries',
  'archive.badEntryName',
  'archive.tooLargeUnpacked',
  'archive.bomb',
  'file.disguised',
  'file.tooLarge',
  'image.tooManyPixels',
  'json.forbiddenKey',
  'model.unexpectedEntry',
  'model.metaInvalid',
  'model.weightsNotFinite',
  'model.tooManyClasses',
  'mnist.idxInvalid',
  'backend.lost',
  'storage.openFailed',
  'storage.newerVersion',
  'worker.died',
  'page.unloaded',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  /** A key of the catalogue in errors.ts, e.g. 'image.unreadable'. */
  code: ProblemCode;
  params?: Record<string, string | number>;
  /** The technical detail, shown folded under the message. */
  detail?: string;
}

/** An Error that carries a Problem, so describeError() can word it. Its message is the English detail. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
    this.name = 'ProblemError';
  }
}

/** A Problem with its English detail; `params` only when there are some. */
export function problem(code: ProblemCode, detail: string, params?: Problem['params']): Problem {
  return params ? { code, params, detail } : { code, detail };
}

/**
 * A failed fetch() as a Problem: the browser's TypeError ("Failed to fetch", "Load failed",
 * "NetworkError when attempting to fetch resource") means no network, and a response that is not ok
 * carries its HTTP status. Undefined for anything else.
 */
export function networkProblem(error: unknown): Problem | undefined {
  if (!(error instanceof Error)) return undefined;
  if (
    (error.name === 'TypeError' &&
      /failed to fetch|load failed|networkerror|network request failed|dynamically imported module|importing a module script failed/i.test(
        error.message,
      )) ||
    error.name === 'NetworkError'
  )
    return problem('network.offline', `${error.name}: ${error.message}`);
  // fetch() callers here say "url: HTTP 404"; TF.js's loader says "… failed with status code 404".
  const status = /\bHTTP (\d{3})\b|status code (\d{3})\b/.exec(error.message);
  if (status) return problem('network.http', error.message, { status: Number(status[1] ?? status[2]) });
  return undefined;
}

/** A failed download as a ProblemError (naming `url` in its detail); any other error as it is. */
export function asNetworkProblem(error: unknown, url: string): unknown {
  const found = networkProblem(error);
  if (!found) return error;
  const detail = found.detail?.includes(url) ? found.detail : `${url}: ${found.detail}`;
  return new ProblemError({ ...found, detail });
}
