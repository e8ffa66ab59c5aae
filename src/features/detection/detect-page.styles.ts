import { css } from 'lit';

export const detectPageStyles = css`
  .live {
    position: relative;
  }
  .hud {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    align-items: center;
    margin: 0.5rem 0;
    font-variant-numeric: tabular-nums;
  }
  .hud strong {
    font-size: 1.1rem;
  }
  .toolbar label {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: var(--tap-target);
  }
  input[type='range'] {
    width: min(14rem, 50vw);
    accent-color: var(--accent);
  }
  .shortcuts {
    color: var(--text-muted);
    font-size: 0.85rem;
  }
  /* Presenter mode: the picture fills the screen, with huge high-contrast boxes and numbers. */
  :host([projector]) .live {
    position: fixed;
    inset: 0;
    z-index: 30;
    background: #000;
    --camera-max-height: 100dvh;
    --camera-radius: 0;
  }
  :host([projector]) camera-view {
    height: 100dvh;
    --camera-aspect: auto;
  }
  :host([projector]) .hud {
    position: absolute;
    top: 1rem;
    left: 1rem;
    z-index: 31;
    margin: 0;
    padding: 0.5rem 1.25rem;
    border-radius: 1rem;
    background: rgb(0 0 0 / 0.75);
    color: #fff;
    font-size: 2rem;
  }
  :host([projector]) .hud strong {
    font-size: 3.5rem;
    color: #facc15;
  }
  .exit-projector {
    display: none;
  }
  :host([projector]) .exit-projector {
    display: block;
    position: absolute;
    top: 1rem;
    right: 1rem;
    z-index: 31;
    min-width: var(--tap-target);
    min-height: var(--tap-target);
    border: 0;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.6);
    color: #fff;
    font-size: 1.5rem;
    cursor: pointer;
  }
`;
