// Who took a photo: a name or class number a student sets once on their phone. When a teacher merges
// a class's zips, each photo still says whose it is, so the gallery can show and filter by student.
import { defineSetting } from '../shared/settings.ts';

export const MAX_CONTRIBUTOR_LENGTH = 40;

/**
 * A contributor as stored: trimmed, inner whitespace runs and control characters made single spaces,
 * at most 40 characters (counted by code point, so a name is never cut inside an emoji). Empty or
 * not a string → undefined, which means "no name".
 */
export function normalizeContributor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = value.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  const cut = Array.from(clean).slice(0, MAX_CONTRIBUTOR_LENGTH).join('').trim();
  return cut || undefined;
}

/** This device's contributor; '' until the student sets one. Photos added afterwards carry it. */
export const contributorSetting = defineSetting<string>('contributor', {
  version: 1,
  fallback: '',
  parse: (stored) => (stored === '' ? '' : normalizeContributor(stored)),
});
