// Durations in words of the user's language ("2 分 10 秒", "2 min 10 sec"): Intl knows the units of
// every language, so no catalogue entry is needed and a Japanese screen never shows "3:07" or "s".

/**
 * The page's language, as the app sets it on <html> when the locale changes. Reached without DOM typings,
 * as workers import this module too (and have no page: English there).
 */
function pageLocale(): string {
  const page = globalThis as { document?: { documentElement: { lang: string } } };
  return page.document?.documentElement.lang || 'en';
}

function inWords(totalSeconds: number, locale: string): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const parts = [
    hours ? unit(hours, 'hour') : '',
    minutes ? unit(minutes, 'minute') : '',
    seconds || totalSeconds === 0 ? unit(seconds, 'second') : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** How long something took, to the second: "45 秒", "3 分 7 秒", "1 時間 2 分 5 秒". */
export function formatDuration(ms: number, locale = pageLocale()): string {
  return inWords(Math.max(0, Math.round(ms / 1000)), locale);
}

/**
 * Time left, rounded as a person would say it: 5-second steps under a minute (never "0 minutes"),
 * 10-second steps under ten minutes, whole minutes under an hour, then 5-minute steps.
 */
export function formatRemaining(ms: number, locale = pageLocale()): string {
  const seconds = Math.max(0, ms / 1000);
  const step = seconds < 60 ? 5 : seconds < 600 ? 10 : seconds < 3600 ? 60 : 300;
  // Round up under a minute so the last seconds still read "about 5 s", not "about 0 s".
  const rounded = seconds < 60 ? Math.max(step, Math.ceil(seconds / step) * step) : Math.round(seconds / step) * step;
  return inWords(rounded, locale);
}

/** Time left, from the time spent on `done` of `total` units; undefined until there is something to go on. */
export function estimateRemaining(elapsedMs: number, done: number, total: number): number | undefined {
  return done > 0 ? (elapsedMs / done) * Math.max(0, total - done) : undefined;
}
