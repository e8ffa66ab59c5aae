import { css } from 'lit';
import { phoneMedia, wideMedia } from './phone-layout.ts';

export const labelEditorStyles = css`
  :host {
    display: block;
  }
  /* Where the layout is a grid (phone on its side, wide screens); elsewhere these do nothing. */
  .photo {
    grid-area: photo;
  }
  .top {
    grid-area: top;
  }
  .suggest {
    grid-area: suggest;
  }
  .tools {
    grid-area: tools;
  }
  .bar {
    grid-area: bar;
  }
  details.more {
    grid-area: more;
  }
  .top,
  .suggest,
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.75rem;
  }
  .top {
    justify-content: space-between;
  }
  .position {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
    min-width: 5rem;
    text-align: center;
  }
  .photo box-labeler {
    margin: 0 auto;
  }
  .suggest [role='status'] {
    flex: 1 1 12rem;
    font-size: 0.9rem;
  }
  /* Every control here is a 44 px target. */
  .top button,
  .suggest button,
  .tools button,
  .tools select,
  .more button {
    min-height: var(--tap-target);
    min-width: var(--tap-target);
    padding: 0 0.8rem;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.3rem;
    border: 1px solid var(--border-strong);
    border-radius: 0.75rem;
    background: var(--surface-raised);
    color: var(--text);
    font: inherit;
    cursor: pointer;
  }
  .tools {
    min-height: calc(var(--tap-target) + 0.5rem);
  }
  .tools label {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    font-size: 0.9rem;
  }
  /* The picked thing's tools stay on one line: the row keeps its height, so the photo never jumps. */
  .tools[data-tools='suggestion'],
  .tools[data-tools='box'] {
    flex-wrap: nowrap;
  }
  .tools button {
    white-space: nowrap;
  }
  .tools .what {
    flex: 1 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 0.9rem;
  }
  .tools button.accept {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--on-accent);
    font-weight: 700;
  }
  .tools button.reject,
  button.danger {
    color: var(--danger);
  }
  button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  /* Previous and next at the thumbs' ends, the wider words in the middle. */
  .bar {
    display: grid;
    --ends: minmax(var(--tap-target), 0.8fr);
    grid-template-columns: var(--ends) repeat(3, minmax(0, 1fr)) repeat(2, minmax(0, 1.25fr)) var(--ends);
    gap: 0.15rem;
  }
  .bar > button,
  .bar > label {
    min-height: 56px;
    min-width: var(--tap-target);
    padding: 0.2rem 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.15rem;
    border: 0;
    border-radius: 0.75rem;
    background: transparent;
    color: var(--text);
    font: inherit;
    font-size: 0.68em;
    line-height: 1.15;
    text-align: center;
    cursor: pointer;
  }
  .bar > label:has(input:disabled) {
    opacity: 0.4;
  }
  .bar > label:has(input:checked) {
    background: var(--accent-soft);
    color: var(--accent);
  }
  .bar input[type='checkbox'] {
    width: 20px;
    height: 20px;
    margin: 1px;
    accent-color: var(--accent);
  }
  .bar > button:not(:disabled):active,
  .top button:not(:disabled):active {
    background: var(--accent-soft);
  }
  details.more summary {
    min-height: var(--tap-target);
    display: flex;
    align-items: center;
    cursor: pointer;
    color: var(--text-muted);
  }
  details.more > * + * {
    margin-top: 0.5rem;
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

  /* A phone: one column filling its view — photo on top, then the tools, the bar at the very bottom. */
  @media ${phoneMedia} {
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    .top,
    .suggest,
    .tools,
    details.more {
      flex: none;
      padding: 0.25rem 0.75rem;
    }
    .photo {
      flex: 1 1 0;
      min-height: 10rem;
      display: grid;
      place-items: start center;
      container-type: size;
    }
    /* As large as the space allows in both directions, keeping the photo's shape. */
    .photo box-labeler {
      width: min(100cqw, 100cqh * var(--ratio));
    }
    /* A slip of the thumb on the bars must not scroll the page behind the view. */
    .top,
    .photo,
    .bar {
      touch-action: none;
    }
    .bar {
      flex: none;
      padding: 0.25rem 0.25rem calc(0.25rem + env(safe-area-inset-bottom));
      border-top: 1px solid var(--border);
      background: var(--surface-raised);
    }
  }
  /* Phone on its side: the photo on the left, the tools and bar on the right. */
  @media ${phoneMedia} and (orientation: landscape) {
    :host {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(16rem, 40%);
      grid-template-rows: auto auto auto auto 1fr;
      grid-template-areas: 'photo top' 'photo suggest' 'photo tools' 'photo bar' 'photo more';
      overflow-y: auto;
    }
    .photo {
      height: 100dvh;
    }
    .bar {
      border: 0;
    }
  }
  /* A wide screen (a laptop, a projector): the photo beside its tools, all of it within the viewport. */
  @media ${wideMedia} {
    :host {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(20rem, 32rem);
      grid-template-rows: auto auto auto auto 1fr;
      grid-template-areas: 'photo top' 'photo suggest' 'photo tools' 'photo bar' 'photo more';
      gap: 0.75rem 1.25rem;
      align-items: start;
    }
    .photo box-labeler {
      width: min(100%, calc((100dvh - 9rem) * var(--ratio)));
    }
    .bar {
      padding: 0.25rem;
      border: 1px solid var(--border);
      border-radius: 1rem;
    }
    .bar > button,
    .bar > label {
      font-size: 0.75em;
    }
  }
`;
