import { css } from 'lit';

export const labelEditorStyles = css`
  :host {
    display: block;
  }
  .bar {
    margin: 0.5rem 0;
  }
  .position {
    font-variant-numeric: tabular-nums;
    min-width: 5rem;
    text-align: center;
  }
  box-labeler {
    max-height: 75vh;
  }
  .hint {
    color: var(--text-muted);
    font-size: 0.85rem;
  }
  .actions input[type='text'] {
    min-height: var(--tap-target);
    padding: 0 0.75rem;
    border: 1px solid var(--border-strong);
    border-radius: 0.75rem;
    background: var(--surface);
    color: var(--text);
    font: inherit;
    width: 10rem;
  }
  label.toggle {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: var(--tap-target);
  }
  label.toggle input {
    width: 1.25rem;
    height: 1.25rem;
  }
  button.danger {
    color: var(--danger);
  }
`;
