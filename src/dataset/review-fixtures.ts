// Suspects and stored checks for the review queue's tests (the app never imports this file).
import type { Box } from '../model/geometry.ts';
import type { LabeledBox, StoredImage } from './dataset-store.ts';
import type { StoredCheck } from './label-review.ts';
import type { SuspectKind } from './label-suspects.ts';
import type { PhotoSuspect } from './suspect-ranking.ts';

export const suspect = (
  imageId: string,
  kind: SuspectKind,
  box: Box,
  score: number,
  extra: Partial<PhotoSuspect> = {},
): PhotoSuspect => ({ imageId, kind, box, label: 'ball', score, ...extra });

export const check = (suspects: PhotoSuspect[]): StoredCheck => ({
  at: 1_700_000_000_000,
  folds: 5,
  checked: 10,
  ms: 1234,
  backend: 'wasm',
  suspects,
});

export const image = (id: string, boxes: LabeledBox[], contributor?: string): StoredImage => ({
  id,
  boxes,
  width: 640,
  height: 480,
  blob: new Blob(),
  createdAt: 0,
  source: 'import',
  negative: false,
  ...(contributor === undefined ? {} : { contributor }),
});
