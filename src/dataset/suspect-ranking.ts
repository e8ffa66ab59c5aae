// How well the checker's ranked list finds mistakes put in on purpose (box-noise.ts), per kind: the
// average precision of its list of that kind against the answer key, and the share of real mistakes
// among the first 20 suspects of all kinds, which is what a teacher looks at first.

import { iou } from '../model/geometry.ts';
import type { InjectedError } from './box-noise.ts';
import { type LabelSuspect, SUSPECT_KINDS, type SuspectKind } from './label-suspects.ts';

export interface PhotoSuspect extends LabelSuspect {
  imageId: string;
}

export interface KindScore {
  /** Mistakes of this kind that were put in. */
  injected: number;
  /** How many of them the list names, at any rank. */
  found: number;
  /** Average precision of this kind's ranked suspects (0 when none was put in). */
  ap: number;
}

export interface RankingScore {
  perKind: Record<SuspectKind, KindScore>;
  /** Share of the first `k` suspects (all kinds, by score) that name a mistake put in, of the same kind. */
  precisionAtK: number;
  k: number;
}

/** The same mistake: same photo and kind, and (for `missed`, the suggested box against the dropped one) the same ball. */
const names = (suspect: PhotoSuspect, error: InjectedError) =>
  suspect.imageId === error.imageId && suspect.kind === error.kind && iou(suspect.box, error.box) >= 0.5;

/** Marks each suspect, in rank order, as naming a not yet named mistake or not. */
function hits(ranked: readonly PhotoSuspect[], errors: readonly InjectedError[]): boolean[] {
  const named = new Set<InjectedError>();
  return ranked.map((suspect) => {
    const error = errors.find((candidate) => !named.has(candidate) && names(suspect, candidate));
    if (error) named.add(error);
    return Boolean(error);
  });
}

export function scoreRanking(
  suspects: readonly PhotoSuspect[],
  errors: readonly InjectedError[],
  k = 20,
): RankingScore {
  const ranked = [...suspects].sort((a, b) => b.score - a.score);
  const perKind = Object.fromEntries(
    SUSPECT_KINDS.map((kind) => {
      const injected = errors.filter((error) => error.kind === kind);
      const marks = hits(
        ranked.filter((suspect) => suspect.kind === kind),
        injected,
      );
      let found = 0;
      let precisionSum = 0;
      marks.forEach((hit, rank) => {
        if (!hit) return;
        found++;
        precisionSum += found / (rank + 1);
      });
      return [kind, { injected: injected.length, found, ap: injected.length ? precisionSum / injected.length : 0 }];
    }),
  ) as Record<SuspectKind, KindScore>;
  const top = ranked.slice(0, k);
  const precisionAtK = top.length ? hits(top, errors).filter(Boolean).length / top.length : 0;
  return { perKind, precisionAtK, k };
}
