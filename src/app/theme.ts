import { defineSetting, oneOf } from '../shared/settings.ts';

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const themeSetting = defineSetting<Theme>('theme', {
  version: 1,
  fallback: 'auto',
  parse: oneOf(THEMES),
  legacyKey: 'tama-lab:theme',
});

export function preferredTheme(): Theme {
  return themeSetting.get();
}

/** "auto" follows the OS (prefers-color-scheme); light/dark pin it, e.g. dark for a projector. */
export function applyTheme(theme: Theme, remember = false): void {
  if (remember) themeSetting.set(theme);
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
