import { css } from 'lit';

export const contributorFieldStyles = css`
  :host {
    display: block;
    margin: 0.75rem 0 0;
  }
  label {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: center;
  }
  input {
    min-height: var(--tap-target);
    width: min(100%, 14rem);
    box-sizing: border-box;
    padding: 0 0.6rem;
    border: 1px solid var(--border-strong);
    border-radius: 0.5rem;
    background: var(--surface);
    color: var(--text);
    font: inherit;
  }
  p {
    margin: 0.25rem 0 0;
    color: var(--text-muted);
    font-size: 0.9rem;
  }
`;
