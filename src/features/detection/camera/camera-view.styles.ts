import { css } from 'lit';

export const cameraViewStyles = css`
  :host {
    display: block;
  }
  .stage {
    position: relative;
    width: 100%;
    aspect-ratio: var(--camera-aspect, 4 / 3);
    max-height: var(--camera-max-height, 70dvh);
    background: #000;
    border-radius: var(--camera-radius, 1rem);
    overflow: hidden;
  }
  :host([fill]) .stage {
    height: 100%;
    aspect-ratio: auto;
    max-height: none;
  }
  video,
  img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .panel {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: safe center;
    overflow: auto;
    gap: 0.75rem;
    padding: 1.25rem;
    color: #f1f5f4;
    text-align: center;
  }
  .panel h2 {
    margin: 0;
    font-size: 1.1rem;
  }
  .panel p {
    margin: 0;
    max-width: 32rem;
    line-height: 1.5;
    color: #cbd5d3;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }
  button,
  select,
  .file {
    min-height: var(--tap-target);
    padding: 0 1rem;
    border: 1px solid var(--border-strong, #94a8a4);
    border-radius: 0.75rem;
    background: var(--surface-raised, #fff);
    color: var(--text, #111);
    font: inherit;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
  }
  button:disabled,
  select:disabled {
    opacity: 0.5;
    border-style: dashed;
    cursor: not-allowed;
  }
  .file-problem {
    display: grid;
    gap: 0.25rem;
    margin-top: 0.5rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--danger, #b91c1c);
    border-radius: 0.75rem;
    color: var(--text, #111);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  button.primary {
    border: 0;
    background: var(--accent, #0f766e);
    color: var(--on-accent, #fff);
    font-weight: 700;
  }
  .file input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  :host([hide-controls]) .controls {
    display: none;
  }
`;
