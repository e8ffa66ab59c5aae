import { css } from 'lit';

/** Sized for a 1920×1080 projector seen from the back of a classroom; still usable on a phone. */
export const comparisonPresenterStyles = css`
  :host {
    display: block;
  }
  .layer {
    position: fixed;
    inset: 0;
    z-index: 40;
    overflow: auto;
    padding: clamp(0.75rem, 2vw, 2.5rem);
    box-sizing: border-box;
    background: #000;
    color: #fff;
    font-size: clamp(1rem, 1.4vw, 1.75rem);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem 1rem;
    margin-bottom: 1rem;
  }
  h2 {
    flex: 1 1 20rem;
    margin: 0;
    font-size: clamp(1.4rem, 2.6vw, 3.25rem);
    line-height: 1.2;
  }
  h2 small {
    display: block;
    font-size: 0.5em;
    font-weight: 400;
    color: #d4d4d8;
  }
  .tool,
  .close {
    min-height: var(--tap-target, 44px);
    min-width: var(--tap-target, 44px);
    padding: 0 1rem;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    border: 2px solid #fff;
    border-radius: 999px;
    background: transparent;
    color: #fff;
    font: inherit;
    text-decoration: none;
    cursor: pointer;
  }
  .close {
    padding: 0;
    font-size: 1.5em;
  }
  .tool:focus-visible,
  .close:focus-visible {
    outline: 4px solid #facc15;
    outline-offset: 2px;
  }
  .sent {
    margin: 0 0 1rem;
    color: #facc15;
  }
  .scores {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
    gap: clamp(0.75rem, 2vw, 2.5rem);
  }
  .side {
    padding: clamp(0.75rem, 1.5vw, 2rem);
    border: 0.35rem solid var(--side-colour);
    border-radius: 1.5rem;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: clamp(1.3rem, 2.2vw, 2.75rem);
  }
  .side .swatch {
    background: var(--side-colour);
  }
  dl {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 0.5rem;
    margin: 0;
  }
  dt {
    color: #d4d4d8;
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .big {
    display: block;
    font-size: clamp(3rem, 7vw, 9rem);
    font-weight: 800;
    line-height: 1;
  }
  .of {
    color: #d4d4d8;
  }
  .key {
    margin: 1.25rem 0 0.5rem;
  }
  .key span {
    margin-right: 1.5rem;
  }
  .swatch {
    display: inline-block;
    width: 1.5em;
    height: 0.35em;
    vertical-align: middle;
    margin-right: 0.4em;
  }
  .gallery {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr));
    gap: clamp(0.75rem, 1.5vw, 2rem);
  }
  figure {
    margin: 0;
  }
  canvas {
    display: block;
    width: 100%;
    border-radius: 0.75rem;
  }
  figcaption {
    margin-top: 0.3rem;
    color: #e4e4e7;
  }
`;
