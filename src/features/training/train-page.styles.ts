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
