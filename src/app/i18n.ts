import { configureLocalization } from '@lit/localize';
import { defineSetting, oneOf } from '../shared/settings.ts';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const localeSetting = defineSetting<Locale | ''>('locale', {
  version: 1,
  fallback: '',
  parse: oneOf(['', ...LOCALES] as const),
  legacyKey: 'tama-lab:locale',
});

// English is the source text in the code; Japanese templates live in ./locales/ja-<section>.ts,
// merged by ./locales/ja.ts.
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['ja'],
  loadLocale: () => import('./locales/ja.ts'),
});

/** The user's saved choice, else Japanese for browsers whose language starts with "ja", else English. */
export function preferredLocale(): Locale {
  const stored = localeSetting.get();
  if (stored) return stored;
  return navigator.languages.some((language) => language.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

export async function applyLocale(locale: Locale, remember = false): Promise<void> {
  if (remember) localeSetting.set(locale);
  document.documentElement.lang = locale;
  await setLocale(locale);
}
