import { css } from 'lit';

export const trainPageStyles = css`
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 0.75rem;
  }
  legend {
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  .progress-line {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    font-variant-numeric: tabular-nums;
  }
  /* "残り約 20 秒" stays on one line; the phase beside it wraps instead. */
  .progress-line [data-eta] {
    white-space: nowrap;
  }
  .hint {
    margin: 0.25rem 0 0.75rem;
    max-width: 48rem;
    color: var(--text-muted);
    font-size: 0.9rem;
  }
  .notice {
    margin: 0.5rem 0 0;
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--accent);
  }
  .result strong {
    font-size: 1.4rem;
  }
`;
