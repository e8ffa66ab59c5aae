import { css } from 'lit';
import { visuallyHidden } from './visually-hidden.ts';

/** Typography and cards shared by every section page. */
export const pageStyles = css`
  ${visuallyHidden}
  :host {
    display: block;
  }
  h1 {
    margin: 0.25rem 0 0.75rem;
    font-size: clamp(1.5rem, 4vw, 2.25rem);
    line-height: 1.2;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.15rem;
  }
  p,
  li {
    line-height: 1.6;
  }
  .lead {
    color: var(--text-muted);
    max-width: 48rem;
  }
  /* glossaryRow(): the screen's jargon, spaced so each term's 44 px touch area stays its own. */
  .glossary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1.25rem;
    color: var(--text-muted);
    font-size: 0.95rem;
  }
  .card {
    margin: 1rem 0;
    padding: 1rem 1.25rem;
    border: 1px solid var(--border);
    border-radius: 1rem;
    background: var(--surface-raised);
  }
  .grid {
    display: grid;
    gap: 1rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
  }
  .grid > .card {
    margin: 0;
  }
  a {
    color: var(--accent);
  }
  /* What a long run is doing, and beside it the time left ("残り約 20 秒" on one line; the phase wraps). */
  .progress-line {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    font-variant-numeric: tabular-nums;
  }
  .progress-line [data-eta] {
    white-space: nowrap;
  }
  progress {
    width: 100%;
    height: 0.75rem;
    accent-color: var(--accent);
  }
  button.primary {
    min-height: var(--tap-target);
    padding: 0 1.2rem;
    border: 0;
    border-radius: 0.75rem;
    background: var(--accent);
    color: var(--on-accent);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  /* A row of 44 px controls: buttons, selects and file pickers styled as buttons. */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .actions button,
  .actions select,
  .actions .button {
    min-height: var(--tap-target);
    padding: 0 1rem;
    display: inline-flex;
    align-items: center;
    border: 1px solid var(--border-strong);
    border-radius: 0.75rem;
    background: var(--surface-raised);
    color: var(--text);
    font: inherit;
    cursor: pointer;
  }
  .actions .button input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  /*
   * Disabled controls must not look pressable: faded, a dashed outline and a no-entry cursor. Half
   * opacity keeps the text legible (WCAG exempts disabled controls from the contrast minimum).
   */
  button:disabled,
  select:disabled,
  input:disabled,
  .actions .button:has(input:disabled) {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .actions button:disabled,
  .actions select:disabled,
  .actions .button:has(input:disabled) {
    border-style: dashed;
  }
  .error {
    color: var(--danger);
  }
  /* An error's technical detail (ui/error-message.ts), folded under the sentence in the user's language. */
  .error-detail {
    margin-top: 0.25rem;
    color: var(--text-muted);
    font-size: 0.85rem;
  }
  .error-detail summary {
    display: inline-flex;
    align-items: center;
    min-height: var(--tap-target);
    cursor: pointer;
  }
  .error-detail code {
    display: block;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /* A card of labelled number inputs and selects (training settings). */
  .settings label {
    display: inline-flex;
    gap: 0.5rem;
    align-items: center;
    min-height: var(--tap-target);
  }
  .settings input[type='number'],
  .settings select {
    min-height: 40px;
    font: inherit;
  }
  .settings input[type='number'] {
    width: 5rem;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dt {
    color: var(--text-muted);
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
`;
