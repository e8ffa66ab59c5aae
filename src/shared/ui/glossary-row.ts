import { msg } from '@lit/localize';
import { html } from 'lit';
import { type GlossaryTerm, termName } from './glossary.ts';
import './glossary-term.ts';

/**
 * The jargon of one screen, each term with its tap-to-explain button, in one quiet line under the
 * controls that use it (a button inside a <label> would become part of the control's name).
 */
export function glossaryRow(terms: readonly GlossaryTerm[]) {
  return html`<p class="glossary" data-glossary-row>${msg('Words:', { id: 'glossary.words' })}
    ${terms.map((term) => html`<glossary-term term=${term}>${termName(term)}</glossary-term> `)}</p>`;
}
