import { css } from 'lit';

export const noBallHintStyles = css`
  :host {
    display: block;
  }
  .hint {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0.5rem 0;
    padding: 0 0 0 1rem;
    border-radius: 0.75rem;
    background: var(--warn-soft);
    color: var(--warn-strong);
  }
  p {
    flex: 1;
    margin: 0.5rem 0;
    line-height: 1.5;
  }
  a {
    display: inline-flex;
    align-items: center;
    min-height: var(--tap-target);
    color: inherit;
    font-weight: 700;
  }
  button {
    flex: none;
    min-width: var(--tap-target);
    min-height: var(--tap-target);
    border: 0;
    border-radius: 0.75rem;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 1.25rem;
    cursor: pointer;
  }
`;
