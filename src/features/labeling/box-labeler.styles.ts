import { css } from 'lit';

export const boxLabelerStyles = css`
  :host {
    display: block;
    position: relative;
    overflow: hidden;
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    border-radius: 0.5rem;
    background: #000;
  }
  :host(:focus-visible) {
    outline: 3px solid var(--accent, #22d3ee);
    outline-offset: 2px;
  }
  .stage {
    position: relative;
    transform-origin: 0 0;
  }
  img,
  svg {
    display: block;
    width: 100%;
    height: auto;
  }
  svg {
    position: absolute;
    inset: 0;
    height: 100%;
    cursor: crosshair;
    overflow: visible;
  }
  rect.box {
    fill: rgb(250 204 21 / 0.12);
    stroke: #facc15;
    vector-effect: non-scaling-stroke;
    stroke-width: 3;
    cursor: move;
    outline: none;
  }
  rect.box:focus-visible,
  rect.box[aria-selected='true'] {
    stroke: #22d3ee;
    stroke-width: 4;
  }
  rect.suggestion {
    fill: rgb(255 255 255 / 0.06);
    stroke: #f472b6;
    stroke-width: 3;
    stroke-dasharray: 8 6;
    vector-effect: non-scaling-stroke;
    cursor: pointer;
    outline: none;
  }
  rect.suggestion:focus-visible,
  rect.suggestion.picked {
    stroke: #22d3ee;
    stroke-width: 4;
    fill: rgb(34 211 238 / 0.12);
  }
  rect.suggestion.picked {
    stroke-dasharray: none;
  }
  /* The touch area is drawn, faintly: a handle grabs exactly where it shows. */
  circle.handle-area {
    fill: rgb(34 211 238 / 0.18);
    stroke: rgb(34 211 238 / 0.6);
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
    pointer-events: none;
  }
  circle.handle {
    fill: #22d3ee;
    stroke: #000;
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
    pointer-events: none;
  }
  /* The label check's box in question: loud, and never in the way of a tap. */
  rect.highlight {
    fill: rgb(239 68 68 / 0.12);
    stroke: #ef4444;
    stroke-width: 5;
    stroke-dasharray: 12 6;
    vector-effect: non-scaling-stroke;
    pointer-events: none;
  }
  rect.draft {
    fill: none;
    stroke: #22d3ee;
    stroke-dasharray: 6 4;
    vector-effect: non-scaling-stroke;
    stroke-width: 2;
  }
  text {
    fill: #fff;
    paint-order: stroke;
    stroke: #000;
    stroke-width: 3px;
    stroke-linejoin: round;
    pointer-events: none;
  }
`;
