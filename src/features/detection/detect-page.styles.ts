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
  .label-text {
    white-space: nowrap;
  }
  /* A long model name ends in an ellipsis: the menu never pushes past the screen or squeezes its label. */
  .toolbar .model-choice {
    max-width: 100%;
    min-width: 0;
  }
  .model-choice select {
    min-width: 0;
    max-width: min(22rem, 100%);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .toolbar .threshold {
    max-width: 100%;
  }
  input[type='range'] {
    width: 14rem;
    min-width: 0;
    flex: 0 1 auto;
    accent-color: var(--accent);
  }
  .shortcuts {
    color: var(--text-muted);
    font-size: 0.85rem;
  }
  /* A touch-only phone has no keys to press. */
  @media (hover: none) and (pointer: coarse) {
    .shortcuts {
      display: none;
    }
  }
  .exit-projector {
    display: none;
  }
  /*
   * Presenter mode: the picture takes the whole screen but for the info bar, which sits beside it (a strip
   * on top in portrait, a column at the side in landscape), never over the boxes and their labels.
   */
  :host([projector]) .live {
    position: fixed;
    inset: 0;
    z-index: 30;
    display: grid;
    grid-template: auto minmax(0, 1fr) / minmax(0, 1fr);
    background: #000;
    color: #fff;
    --camera-radius: 0;
  }
  /* The readout is centred on the picture, not on the picture plus the info bar. */
  :host([projector]) camera-view,
  :host([projector]) presenter-readout {
    grid-area: 2 / 1;
    min-height: 0;
  }
  :host([projector]) .info {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    background: #000;
  }
  :host([projector]) .hud {
    flex: 1;
    margin: 0;
    gap: 0.25rem 1rem;
    font-size: clamp(1rem, 3.5vmin, 2rem);
  }
  :host([projector]) .hud strong {
    font-size: clamp(2rem, 11vmin, 7rem);
    line-height: 1;
    color: #facc15;
  }
  :host([projector]) .hud .meta {
    font-size: clamp(0.8rem, 2.2vmin, 1.25rem);
    color: #cbd5d3;
  }
  :host([projector]) .hud .error {
    color: #fca5a5;
  }
  :host([projector]) .exit-projector {
    display: block;
    flex: none;
    min-width: var(--tap-target);
    min-height: var(--tap-target);
    border: 0;
    border-radius: 999px;
    background: rgb(255 255 255 / 0.15);
    color: #fff;
    font-size: 1.5rem;
    cursor: pointer;
  }
  @media (orientation: landscape) {
    :host([projector]) .live {
      grid-template: minmax(0, 1fr) / clamp(9rem, 20vw, 24rem) minmax(0, 1fr);
    }
    :host([projector]) camera-view,
    :host([projector]) presenter-readout {
      grid-area: 1 / 2;
    }
    :host([projector]) .info {
      flex-direction: column-reverse;
      justify-content: flex-end;
      padding: 0.75rem;
      overflow: auto;
    }
    :host([projector]) .hud {
      flex: none;
      flex-direction: column;
      align-items: flex-start;
    }
  }
`;
