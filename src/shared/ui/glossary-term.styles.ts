import { css } from 'lit';

export const glossaryTermStyles = css`
  :host {
    display: inline;
  }
  .term {
    white-space: nowrap;
  }
  /* A small visible mark with a full-size touch target around it. */
  .explain {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: 1.3em;
    height: 1.3em;
    margin-inline-start: 0.25em;
    padding: 0;
    border: 1px solid currentColor;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 0.8em;
    line-height: 1;
    vertical-align: 0.1em;
    cursor: help;
  }
  .explain::after {
    content: '';
    position: absolute;
    inset: calc((var(--tap-target, 44px) - 1.3em) / -2);
  }
  .explain:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  .note {
    display: block;
    margin: 0.35rem 0;
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    background: var(--chip-bg);
    color: var(--chip-fg);
    font-size: 0.95rem;
    font-weight: normal;
    line-height: 1.6;
    white-space: normal;
  }
`;
