// One shape for everything an import leaves out: which file, entry or box, the English reason (for
// logs, the CLIs and tests) and the Problem the page words in the user's language (describeSkip).
import { type Problem, type ProblemCode, ProblemError, problem } from '../shared/problem.ts';

/** A file, or an entry or box inside a .zip, that was left out, and why. */
export interface SkippedItem {
  item: string;
  /** English, as a log line would say it; the same text as `problem.detail`. */
  reason: string;
  problem: Problem;
}

export function skippedItem(item: string, code: ProblemCode, reason: string, params?: Problem['params']): SkippedItem {
  return { item, reason, problem: problem(code, reason, params) };
}

/** An item left out because of a thrown error: its Problem when it has one, else an unreadable file. */
export function skippedByError(item: string, error: unknown, fallback: ProblemCode): SkippedItem {
  const reason = error instanceof Error ? error.message : String(error);
  return { item, reason, problem: error instanceof ProblemError ? error.problem : problem(fallback, reason) };
}
