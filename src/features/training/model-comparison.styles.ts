import { css } from 'lit';

export const modelComparisonStyles = css`
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.2rem 0.75rem;
    text-align: right;
    border-bottom: 1px solid var(--border);
  }
  .gallery {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75rem;
    margin-top: 1rem;
  }
  figure {
    margin: 0;
  }
  canvas {
    width: 100%;
    border-radius: 0.5rem;
  }
  figcaption {
    font-size: 0.85rem;
    color: var(--text-muted);
  }
  .key span {
    display: inline-block;
    margin-right: 1rem;
    white-space: nowrap;
  }
  .swatch {
    display: inline-block;
    width: 1rem;
    height: 0.25rem;
    vertical-align: middle;
    margin-right: 0.3rem;
    /* The labels' swatch is white: outlined so it shows on a light page too. */
    box-shadow: 0 0 0 1px var(--border-strong);
  }
  .distributed {
    margin: 0.75rem 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--border);
    border-radius: 1rem;
  }
  .distributed p {
    margin: 0 0 0.5rem;
  }
  a.button {
    text-decoration: none;
  }
`;
