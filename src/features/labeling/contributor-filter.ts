// Filtering a merged class dataset by who took the photos. The filter is a string so it can be a
// <select> value as is; names carry a prefix so no student's name can be mistaken for "all" or "none".
import type { StoredImage } from '../../dataset/dataset-store.ts';

export type ContributorFilter = 'all' | 'none' | `name:${string}`;

const PREFIX = 'name:';

export const byContributor = (name: string): ContributorFilter => `${PREFIX}${name}`;

/** The name the filter picks, or undefined for "all" and "no name". */
export const chosenName = (filter: ContributorFilter): string | undefined =>
  filter.startsWith(PREFIX) ? filter.slice(PREFIX.length) : undefined;

export function matchesContributor(image: Pick<StoredImage, 'contributor'>, filter: ContributorFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'none') return !image.contributor;
  return image.contributor === chosenName(filter);
}

export interface ContributorCounts {
  /** Counted photos in all, and without a name. */
  all: number;
  none: number;
  /** Per name, in the order a Japanese reader expects (numbers numerically: 2 before 10). */
  names: [name: string, count: number][];
}

// Made when names are first sorted: building a Japanese collator loads ICU's data, ~8 ms here (~30 on a
// phone), which the Label page's module would otherwise pay as it loads, before its first paint.
let collator: Intl.Collator | undefined;
const byName = (a: string, b: string) => {
  collator ??= new Intl.Collator('ja', { numeric: true });
  return collator.compare(a, b);
};

/**
 * Counts `counted` by contributor, listing every name found in `images` (0 when none of its photos is
 * counted: "who has labelled nothing yet" is worth seeing) and `listed`, so a chosen name stays listed
 * after its photos are gone.
 */
export function contributorCounts(
  images: readonly Pick<StoredImage, 'contributor'>[],
  counted: readonly Pick<StoredImage, 'contributor'>[],
  listed?: string,
): ContributorCounts {
  const counts = new Map<string, number>(listed === undefined ? [] : [[listed, 0]]);
  for (const { contributor } of images) if (contributor) counts.set(contributor, 0);
  let none = 0;
  for (const { contributor } of counted) {
    if (contributor) counts.set(contributor, (counts.get(contributor) ?? 0) + 1);
    else none++;
  }
  return { all: counted.length, none, names: [...counts].sort(([a], [b]) => byName(a, b)) };
}
