import { css } from 'lit';

/** A bar per student; the projector layer fills a 1920×1080 screen in type readable from the back row. */
export const contributorSummaryStyles = css`
  :host {
    display: block;
  }
  h3 {
    margin: 1rem 0 0.5rem;
    font-size: 1rem;
  }
  .rows {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  .rows li {
    display: grid;
    grid-template-columns: minmax(5rem, 10rem) 1fr auto;
    align-items: center;
    gap: 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .bar {
    height: 0.8em;
    border-radius: 999px;
    background: linear-gradient(to right, var(--accent) calc(var(--share) * 100%), transparent 0);
    outline: 1px solid var(--border, #d4d4d8);
  }
  .layer {
    position: fixed;
    inset: 0;
    z-index: 40;
    overflow: auto;
    padding: clamp(0.75rem, 3vw, 3rem);
    box-sizing: border-box;
    background: #000;
    color: #fff;
    font-size: clamp(1.1rem, 2vw, 2.25rem);
  }
  .layer .rows {
    gap: 0.6em;
  }
  .layer .rows li {
    grid-template-columns: minmax(6em, 14em) 1fr auto;
  }
  .layer .bar {
    background: linear-gradient(to right, #facc15 calc(var(--share) * 100%), transparent 0);
    outline-color: #52525b;
  }
  .top {
    display: flex;
    align-items: center;
    gap: 1rem;
    margin-bottom: 1em;
  }
  .top h2 {
    flex: 1;
    margin: 0;
    font-size: 1.5em;
  }
  .close {
    min-width: var(--tap-target, 44px);
    min-height: var(--tap-target, 44px);
    border: 2px solid #fff;
    border-radius: 999px;
    background: transparent;
    color: #fff;
    font-size: 1.2em;
    cursor: pointer;
  }
  .close:focus-visible {
    outline: 4px solid #facc15;
    outline-offset: 2px;
  }
  .note {
    margin-top: 1.5em;
    color: #d4d4d8;
  }
`;
