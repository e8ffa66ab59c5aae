import { css } from 'lit';

export const receivePageStyles = css`
  .results {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .result {
    padding: 0.75rem 1rem;
    border: 1px solid var(--border);
    border-radius: 1rem;
    background: var(--surface-raised);
    overflow-wrap: anywhere;
  }
  .result p {
    margin: 0 0 0.5rem;
  }
  .result.refused {
    border-color: var(--danger);
  }
  .result p + p {
    margin-top: -0.25rem;
  }
  .result.refused p:last-child {
    margin: 0;
  }
  a.button {
    text-decoration: none;
    justify-content: center;
  }
  /* pageStyles gives the primary look to buttons only; this link is the page's main action. */
  .actions a.button.primary {
    border: 0;
    background: var(--accent);
    color: var(--on-accent);
    font-weight: 700;
  }
  @media (max-width: 30rem) {
    .actions a.button {
      flex: 1 1 100%;
    }
  }
`;
