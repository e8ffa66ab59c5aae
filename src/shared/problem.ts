// What went wrong, in a form every layer can produce and only the UI words: a catalogue code with its
// parameters, and the technical detail (English, for a teacher or a bug report) kept beside it.
// model/ and dataset/ cannot use the translation catalogue; they report Problems, and
// describeProblem() (errors.ts) turns them into the user's language.

export interface Problem {
  /** A key of the catalogue in errors.ts, e.g. 'image.unreadable'. */
  code: string;
  params?: Record<string, string | number>;
  /** The technical detail, shown folded under the message. */
  detail?: string;
}

/** An Error that carries a Problem, so describeError() can word it. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
    this.name = 'ProblemError';
  }
}
