import { msg } from '@lit/localize';
import type { Problem } from './problem.ts';

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

/** "Model error: …" — every error shown to the user names the stage it came from. */
export function describeError(stage: Stage, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `${stageLabel(stage)}: ${detail}`;
}

/**
 * A Problem in the user's language. (Contract for the labeling and other pages: the catalogue of codes
 * is filled in by the language work of issue #14.)
 */
export function describeProblem(problem: Problem): string {
  switch (problem.code) {
    default:
      return msg('This could not be read.', { id: 'problem.unknown' });
  }
}

/** A skipped item of an import report in the user's language (its `problem`, when the importer gave one). */
export function describeSkip(skip: { reason: string; problem?: Problem }): string {
  return skip.problem ? describeProblem(skip.problem) : msg('This could not be read.', { id: 'problem.unknown' });
}
