import { css } from 'lit';

export const labelCheckCardStyles = css`
  .kinds {
    list-style: none;
    margin: 0.5rem 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
    gap: 0.4rem;
  }
  .kinds li {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.35rem 0.6rem;
    border: 1px solid var(--border, #d4d4d8);
    border-radius: 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  .hint {
    color: var(--text-muted);
    font-size: 0.9rem;
  }
`;
