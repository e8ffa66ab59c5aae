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
  .result strong {
    font-size: 1.4rem;
  }
`;
