import { css } from 'lit';

export const presenterReadoutStyles = css`
  :host {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    pointer-events: none;
    z-index: 40;
  }
  .readout {
    max-width: 90%;
    padding: 0.5em 1em;
    border-radius: 1rem;
    background: rgb(0 0 0 / 0.8);
    color: #facc15;
    font-size: clamp(1.75rem, 9vmin, 6rem);
    font-weight: 800;
    line-height: 1.2;
    text-align: center;
    overflow-wrap: anywhere;
    font-variant-numeric: tabular-nums;
    opacity: 1;
    visibility: visible;
    transition:
      opacity 0.4s ease-out,
      visibility 0s;
  }
  /* Fades out, then leaves the accessibility tree and hit testing (opacity alone would not). */
  .readout[data-hidden] {
    opacity: 0;
    visibility: hidden;
    transition:
      opacity 0.4s ease-in,
      visibility 0s 0.4s;
  }
  @media (prefers-reduced-motion: reduce) {
    .readout,
    .readout[data-hidden] {
      transition: none;
    }
  }
`;
