// The review queue of the label checker (教師チェック): the last check's suspects, kept on this device,
// the decisions taken on them (a fix, or "the label was right"), and the fixes themselves. A decision
// outlives the check, so a re-run does not ask about the same box again.
import { type Box, iou } from '../model/geometry.ts';
import { defineSetting } from '../shared/settings.ts';
import type { LabeledBox, StoredImage } from './dataset-store.ts';
import { SUSPECT_KINDS, type SuspectKind } from './label-suspects.ts';
import type { PhotoSuspect } from './suspect-ranking.ts';

export const FIX_ACTIONS = ['add', 'delete', 'snap', 'class', 'keep'] as const;
/** add the suggested box · delete the box · snap it to the model's box · take the model's class · the label was right. */
export type FixAction = (typeof FIX_ACTIONS)[number];

/** The fixes that make sense for a kind of suspect, the likeliest first ("keep" is always offered). */
export const FIXES_FOR: Record<SuspectKind, readonly FixAction[]> = {
  missed: ['add', 'keep'],
  extra: ['delete', 'keep'],
  loose: ['snap', 'delete', 'keep'],
  class: ['class', 'keep'],
};

export interface StoredCheck {
  at: number;
  folds: number;
  checked: number;
  ms: number;
  backend: string;
  /** Worst first. */
  suspects: PhotoSuspect[];
}

export interface Decision {
  imageId: string;
  kind: SuspectKind;
  box: Box;
  action: FixAction;
}

const isBox = (value: unknown): value is Box =>
  Array.isArray(value) && value.length === 4 && value.every((v) => typeof v === 'number' && Number.isFinite(v));
const isKind = (value: unknown): value is SuspectKind => SUSPECT_KINDS.includes(value as SuspectKind);

function isSuspect(value: unknown): value is PhotoSuspect {
  const s = value as Partial<PhotoSuspect> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.imageId === 'string' &&
    isKind(s.kind) &&
    isBox(s.box) &&
    typeof s.label === 'string' &&
    typeof s.score === 'number' &&
    (s.suggestion === undefined || (isBox(s.suggestion.box) && typeof s.suggestion.label === 'string'))
  );
}

function parseCheck(stored: unknown): StoredCheck | null | undefined {
  if (stored === null) return null;
  const check = stored as Partial<StoredCheck> | undefined;
  if (typeof check !== 'object' || !Array.isArray(check.suspects)) return undefined;
  const numbers = [check.at, check.folds, check.checked, check.ms];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  return { ...(check as StoredCheck), suspects: check.suspects.filter(isSuspect) };
}

/** The last check's result (null before the first). */
export const lastCheck = defineSetting<StoredCheck | null>('label-check', {
  version: 1,
  fallback: null,
  parse: parseCheck,
});

/** Enough for a class's worth of reviews; the oldest go first. */
const MAX_DECISIONS = 2000;

const isDecision = (value: unknown): value is Decision => {
  const d = value as Partial<Decision> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.imageId === 'string' &&
    isKind(d.kind) &&
    isBox(d.box) &&
    FIX_ACTIONS.includes(d.action as FixAction)
  );
};

export const reviewDecisions = defineSetting<Decision[]>('label-check-decisions', {
  version: 1,
  fallback: [],
  parse: (stored) => (Array.isArray(stored) ? stored.filter(isDecision).slice(-MAX_DECISIONS) : undefined),
});

export function rememberDecision(suspect: PhotoSuspect, action: FixAction): void {
  const decision: Decision = { imageId: suspect.imageId, kind: suspect.kind, box: suspect.box, action };
  reviewDecisions.set([...reviewDecisions.get(), decision].slice(-MAX_DECISIONS));
}

const decidedAlready = (suspect: PhotoSuspect, decisions: readonly Decision[]) =>
  decisions.some((d) => d.imageId === suspect.imageId && d.kind === suspect.kind && iou(d.box, suspect.box) >= 0.5);

/** Where the box a suspect is about is among `boxes` (the same class, where it was when checked); -1 when gone. */
const boxOf = (boxes: readonly LabeledBox[], suspect: PhotoSuspect) =>
  boxes.findIndex((b) => b.label === suspect.label && iou(b.box, suspect.box) >= 0.95);

/** Whether the suspect still describes the photo: its box is still there (missed: still no box there). */
function stillStands(suspect: PhotoSuspect, image: StoredImage): boolean {
  if (suspect.kind === 'missed') return image.boxes.every((b) => iou(b.box, suspect.box) < 0.3);
  return boxOf(image.boxes, suspect) >= 0;
}

/** Less sure than this, a suspect is more likely right than wrong: not worth a student's time. */
export const REVIEW_FROM = 0.5;

/**
 * The suspects still to look at: at least REVIEW_FROM sure, not decided, their photo still there and
 * still as it was checked. Worst first.
 */
export function pendingSuspects(
  check: StoredCheck | null,
  decisions: readonly Decision[],
  images: readonly StoredImage[],
): PhotoSuspect[] {
  if (!check) return [];
  const byId = new Map(images.map((image) => [image.id, image]));
  return check.suspects.filter((suspect) => {
    if (suspect.score < REVIEW_FROM) return false;
    const image = byId.get(suspect.imageId);
    return image !== undefined && stillStands(suspect, image) && !decidedAlready(suspect, decisions);
  });
}

/** The photos to review, worst first (by their worst pending suspect). */
export function reviewOrder(pending: readonly PhotoSuspect[]): string[] {
  return [...new Set(pending.map((suspect) => suspect.imageId))];
}

/** The photo's boxes after `action` on `suspect`; "keep" leaves them as they are. */
export function applyFix(boxes: readonly LabeledBox[], suspect: PhotoSuspect, action: FixAction): LabeledBox[] {
  if (action === 'keep') return [...boxes];
  if (action === 'add') {
    const { box, label } = suspect.suggestion ?? suspect;
    return [...boxes, { box: [...box] as Box, label }];
  }
  const index = boxOf(boxes, suspect);
  if (index < 0) return [...boxes];
  if (action === 'delete') return boxes.filter((_, i) => i !== index);
  const suggestion = suspect.suggestion;
  if (!suggestion) return [...boxes];
  return boxes.map((b, i) =>
    i !== index ? b : action === 'snap' ? { ...b, box: [...suggestion.box] as Box } : { ...b, label: suggestion.label },
  );
}

/** Pending suspects per contributor ("" for photos without a name), most first. */
export function suspectsPerContributor(
  pending: readonly PhotoSuspect[],
  images: readonly StoredImage[],
): { contributor: string; suspects: number; photos: number }[] {
  const photosOf = new Map<string, number>();
  for (const image of images) photosOf.set(image.contributor ?? '', (photosOf.get(image.contributor ?? '') ?? 0) + 1);
  const contributorOf = new Map(images.map((image) => [image.id, image.contributor ?? '']));
  const counts = new Map<string, number>();
  for (const suspect of pending) {
    const who = contributorOf.get(suspect.imageId) ?? '';
    counts.set(who, (counts.get(who) ?? 0) + 1);
  }
  return [...photosOf.keys()]
    .map((contributor) => ({
      contributor,
      suspects: counts.get(contributor) ?? 0,
      photos: photosOf.get(contributor) ?? 0,
    }))
    .sort((a, b) => b.suspects - a.suspects || a.contributor.localeCompare(b.contributor));
}
