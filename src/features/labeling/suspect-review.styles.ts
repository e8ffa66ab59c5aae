import { css } from 'lit';

/** Compact enough to sit above the editor's bars on a 390 px phone; every button a 44 px target. */
export const suspectReviewStyles = css`
  .review {
    border: 2px solid var(--accent);
    border-radius: 0.75rem;
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  .head .left {
    flex: 1;
    color: var(--text-muted);
    font-size: 0.9rem;
  }
  .end {
    min-height: var(--tap-target);
  }
  .body {
    display: flex;
    gap: 0.75rem;
    align-items: center;
  }
  canvas {
    width: 96px;
    height: 96px;
    flex: none;
    border-radius: 0.5rem;
  }
  .body p {
    margin: 0.25rem 0;
  }
  .more {
    color: var(--text-muted);
  }
  .fixes {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .fixes button {
    min-height: var(--tap-target);
    flex: 1 1 9rem;
  }
`;
