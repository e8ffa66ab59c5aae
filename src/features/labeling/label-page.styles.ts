import { css } from 'lit';

export const labelPageStyles = css`
  :host([dragging]) .drop,
  .drop.dragging {
    outline: 3px dashed var(--accent);
    outline-offset: 4px;
  }
  .split label {
    display: inline-flex;
    gap: 0.5rem;
    align-items: center;
    min-height: var(--tap-target);
  }
  .split input[type='number'] {
    width: 6rem;
    min-height: 36px;
    font: inherit;
  }
  details summary {
    min-height: var(--tap-target);
    display: flex;
    align-items: center;
    cursor: pointer;
  }
  ul.skipped {
    max-height: 12rem;
    overflow-y: auto;
  }
`;
