export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const storageKey = 'tama-lab:theme';

export function preferredTheme(): Theme {
  const stored = localStorage.getItem(storageKey);
  return THEMES.includes(stored as Theme) ? (stored as Theme) : 'auto';
}

/** "auto" follows the OS (prefers-color-scheme); light/dark pin it, e.g. dark for a projector. */
export function applyTheme(theme: Theme, remember = false): void {
  if (remember) localStorage.setItem(storageKey, theme);
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
