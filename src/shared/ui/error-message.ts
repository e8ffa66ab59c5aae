// An error as a page shows it: the sentence in the user's language, and the technical detail (English,
// for a teacher or a bug report) folded under it, never mixed into the sentence. Styled by pageStyles
// (.error-text, .error-detail).
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { describeError, describeProblem, errorDetail, type Stage } from '../errors.ts';
import type { Problem } from '../problem.ts';

function withDetail(sentence: string, detail: string | undefined): TemplateResult {
  return html`<span class="error-text">${sentence}</span>${
    detail
      ? html` <details class="error-detail">
          <summary>${msg('Details', { id: 'error.details' })}</summary>
          <code>${detail}</code>
        </details>`
      : nothing
  }`;
}

/** "Model error: …" with what the code or the browser said folded under it. */
export function errorMessage(stage: Stage, error: unknown): TemplateResult {
  return withDetail(describeError(stage, error), errorDetail(error));
}

/** A Problem (e.g. a skipped file's) with its detail folded under it. */
export function problemMessage(problem: Problem): TemplateResult {
  return withDetail(describeProblem(problem), problem.detail);
}
