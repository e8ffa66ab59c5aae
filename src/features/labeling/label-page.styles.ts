import { css } from 'lit';

export const labelPageStyles = css`
  :host([dragging]) .drop,
  .drop.dragging {
    outline: 3px dashed var(--accent);
    outline-offset: 4px;
  }
  /* Opened on a wide screen, the editor is scrolled to just under the sticky app header. */
  section.editor {
    scroll-margin-top: 4.5rem;
  }
  /*
   * A phone's editor view covers the whole screen, app header and section tabs included (they sit at
   * z-index 10; toasts, at 20, stay visible above it). The photo cannot scroll the page: the labeler
   * takes every touch itself (touch-action: none), the bars do too, and the view contains its own scroll.
   */
  section.editor.covering {
    position: fixed;
    inset: 0;
    z-index: 15;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 0;
    background: var(--surface);
    overflow-y: auto;
    overscroll-behavior: contain;
    padding-top: env(safe-area-inset-top);
  }
  .opener button {
    width: 100%;
  }
`;
