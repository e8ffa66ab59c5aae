import { css } from 'lit';

export const tamaAppStyles = css`
  :host {
    --bottom-nav-height: calc(64px + env(safe-area-inset-bottom));
    display: flex;
    flex-direction: column;
    min-height: 100dvh;
  }
  header {
    position: sticky;
    top: 0;
    z-index: 10;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem max(0.75rem, env(safe-area-inset-left));
    background: var(--surface-raised);
    border-bottom: 1px solid var(--border);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: var(--tap-target);
    margin-inline-end: auto;
    color: inherit;
    font-weight: 800;
    font-size: 1.05rem;
    white-space: nowrap;
    text-decoration: none;
  }
  /* On the narrowest phones the icon alone names the app, leaving room for the tools. */
  @media (max-width: 400px) {
    .brand span {
      display: none;
    }
  }
  .brand img {
    width: 32px;
    height: 32px;
    border-radius: 8px;
  }
  .tools {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  .icon-button {
    min-width: var(--tap-target);
    min-height: var(--tap-target);
    border: 1px solid var(--border);
    border-radius: 999px;
    background: transparent;
    color: inherit;
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  a.icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    text-decoration: none;
    font-size: 0.8rem;
  }
  nav ul {
    display: flex;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  nav a {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.1rem;
    min-width: var(--tap-target);
    min-height: 56px;
    padding: 0 0.5rem;
    border-radius: 0.75rem;
    color: var(--text-muted);
    font-size: 0.78rem;
    font-weight: 600;
    text-decoration: none;
  }
  nav a[aria-current='page'] {
    color: var(--accent);
    background: var(--accent-soft);
  }
  nav .icon {
    font-size: 1.2rem;
    line-height: 1;
  }
  .blocked {
    margin: 0;
    padding: 0.75rem max(1rem, env(safe-area-inset-left));
    background: var(--warning-bg, #fef3c7);
    color: var(--warning-text, #78350f);
    border-bottom: 2px solid #f59e0b;
    font-weight: 600;
  }
  /* A page whose module did not load: the sentence, its folded detail, and a Reload within thumb reach. */
  .page-failed button {
    display: block;
    min-height: var(--tap-target);
    margin-top: 0.75rem;
    padding: 0 1.25rem;
    border: 1px solid var(--border-strong);
    border-radius: 999px;
    background: var(--surface-raised);
    color: inherit;
    font: inherit;
    font-weight: 700;
  }
  main {
    flex: 1;
    width: 100%;
    max-width: 72rem;
    margin: 0 auto;
    padding: 1rem max(1rem, env(safe-area-inset-left)) calc(var(--bottom-nav-height) + 1.5rem);
    box-sizing: border-box;
  }
  /* Phones: the section tabs sit at the bottom, within thumb reach. */
  nav {
    position: fixed;
    inset-inline: 0;
    bottom: 0;
    z-index: 10;
    height: var(--bottom-nav-height);
    padding-bottom: env(safe-area-inset-bottom);
    background: var(--surface-raised);
    border-top: 1px solid var(--border);
  }
  nav ul {
    justify-content: space-around;
    height: 64px;
    align-items: center;
  }
  @media (min-width: 900px) {
    :host {
      --bottom-nav-height: 0px;
    }
    nav {
      position: static;
      height: auto;
      padding: 0;
      border: 0;
      background: transparent;
    }
    nav ul {
      height: auto;
      gap: 0.25rem;
    }
    nav a {
      flex-direction: row;
      gap: 0.4rem;
      min-height: var(--tap-target);
      font-size: 0.95rem;
      padding: 0 0.9rem;
    }
    header {
      padding-inline: 1.5rem;
    }
  }
  /* Projectors (1920×1080): larger type so the back row can read it. */
  @media (min-width: 1600px) {
    :host {
      font-size: 1.2rem;
    }
    main {
      max-width: 96rem;
    }
  }
`;
