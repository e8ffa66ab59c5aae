import { css } from 'lit';

/** Horizontal bars (one per digit) and big numbers, shared by the MNIST page and its cards. */
export const mnistStyles = css`
  .bars {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0.2rem 0.5rem;
    align-items: center;
    font-variant-numeric: tabular-nums;
  }
  .bar {
    height: 0.8rem;
    border-radius: 0.2rem;
    background: var(--accent);
  }
  .big {
    font-size: 2rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
`;
