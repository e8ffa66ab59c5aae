import { css } from 'lit';

export const sharePageStyles = css`
  .qr {
    margin: 1rem auto;
    /* Big enough to scan from the back of a classroom when projected, never wider than a phone. */
    width: min(88vw, 62vh, 720px);
    padding: 0.75rem;
    background: #fff;
    border-radius: 1rem;
    box-sizing: border-box;
  }
  .qr svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .url {
    text-align: center;
    font-size: 1.1rem;
    word-break: break-all;
  }
  .actions {
    justify-content: center;
  }
`;
