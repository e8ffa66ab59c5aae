import { css } from 'lit';

export const datasetGalleryStyles = css`
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0 0 0.75rem;
    padding: 0;
    list-style: none;
    font-variant-numeric: tabular-nums;
  }
  .stats b {
    font-size: 1.2rem;
  }
  .split-note {
    margin: -0.25rem 0 0.75rem;
    color: var(--text-muted);
    font-size: 0.85rem;
    max-width: 48rem;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-bottom: 0.75rem;
  }
  .filters button {
    min-height: var(--tap-target);
    padding: 0 0.9rem;
    border: 1px solid var(--border-strong);
    border-radius: 999px;
    background: var(--surface-raised);
    color: var(--text);
    font: inherit;
    cursor: pointer;
  }
  .filters button[aria-pressed='true'] {
    background: var(--accent);
    color: var(--on-accent);
    border-color: var(--accent);
  }
  ul.thumbs {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
    max-height: 26rem;
    overflow-y: auto;
  }
  .thumbs button {
    position: relative;
    display: block;
    width: 100%;
    aspect-ratio: 4 / 3;
    padding: 0;
    border: 3px solid transparent;
    border-radius: 0.5rem;
    overflow: hidden;
    background: var(--surface);
    cursor: pointer;
  }
  .thumbs button[aria-current='true'] {
    border-color: var(--accent);
  }
  .thumbs img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .badge {
    position: absolute;
    left: 0.2rem;
    bottom: 0.2rem;
    padding: 0 0.4rem;
    border-radius: 0.4rem;
    background: rgb(0 0 0 / 0.7);
    color: #fff;
    font-size: 0.8rem;
  }
  .badge.unlabeled {
    background: #b45309;
  }
  .split {
    position: absolute;
    right: 0.2rem;
    top: 0.2rem;
    padding: 0 0.3rem;
    border-radius: 0.4rem;
    background: rgb(0 0 0 / 0.6);
    color: #fff;
    font-size: 0.7rem;
  }
  /* Beside the split chip (top right), so long names are cut short rather than covering it. */
  .who {
    position: absolute;
    left: 0.2rem;
    top: 0.2rem;
    max-width: calc(100% - 3.8rem);
    overflow: hidden;
    padding: 0 0.3rem;
    border-radius: 0.4rem;
    background: rgb(0 0 0 / 0.6);
    color: #fff;
    font-size: 0.7rem;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .by {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-bottom: 0.75rem;
  }
  .by select {
    min-height: var(--tap-target);
    max-width: 100%;
    padding: 0 0.6rem;
    border: 1px solid var(--border-strong);
    border-radius: 0.75rem;
    background: var(--surface-raised);
    color: var(--text);
    font: inherit;
  }
`;
