// The label checker's run (教師チェック): k folds, each photo judged by heads fitted without it, and
// the judgement compared with its labels (label-suspects.ts). The training views of every photo are
// made once and shared by the folds when they fit the memory budget; the photo being judged gets a
// whole-photo view made just for that and freed right after.
import { BoxNeighbours, type DescribedBox } from '../../dataset/box-classes.ts';
import { findSuspects, photoQuality, REPORT_FROM } from '../../dataset/label-suspects.ts';
import type { PhotoSuspect } from '../../dataset/suspect-ranking.ts';
import type { Box, Detection } from '../../model/geometry.ts';
import { Random } from '../../shared/random.ts';
import { BOX_FEATURES, fitSettings, HeadFits } from './head-fits.ts';
import type { CheckOutcome, CheckPhase, CheckPhoto, CheckProgress, CheckRequest } from './label-check-protocol.ts';
import { ProgressReporter } from './training-progress.ts';
import type { View } from './training-views.ts';
import { TRAIN_VIEW_BYTES, viewBudgetBytes } from './view-budget.ts';

/** Long enough for heads that start from the ball model to take on the dataset's classes; short enough for k of them. */
export const CHECK_EPOCHS = 6;
const CHECK_COPIES = 2;
const DETECT_BATCH = 8;

/** Fold of each photo: bursts stay together, groups are dealt round-robin after a seeded shuffle. */
export function assignFolds(
  photos: readonly Pick<CheckPhoto, 'id' | 'burstId'>[],
  folds: number,
  seed: number,
): number[] {
  const groups = [...new Set(photos.map((photo) => photo.burstId ?? photo.id))];
  const random = new Random(seed);
  for (let i = groups.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [groups[i], groups[j]] = [groups[j] as string, groups[i] as string];
  }
  const foldOf = new Map(groups.map((group, i) => [group, i % folds]));
  return photos.map((photo) => foldOf.get(photo.burstId ?? photo.id) as number);
}

/** Normalised × 1000 (a view's scale) → the photo's pixels. */
const toPixels = (detection: Detection, photo: CheckPhoto): Detection => {
  const [x, y, w, h] = detection.box;
  const sx = photo.width / 1000;
  const sy = photo.height / 1000;
  return { ...detection, box: [x * sx, y * sy, w * sx, h * sy] as Box };
};

/** The one class of the class-blind fit. */
const ANY_BALL = 'ball';

function mostCommonClass(photos: readonly CheckPhoto[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { label } of photos.flatMap((photo) => photo.boxes)) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const row = (features: Float32Array, i: number) => features.subarray(i * BOX_FEATURES, (i + 1) * BOX_FEATURES);

/** Per label, the classes of the boxes it looks like; per ball worth reporting, the class it looks like. */
async function judgeClasses(fits: HeadFits, neighbours: BoxNeighbours, photo: CheckPhoto, balls: readonly Detection[]) {
  const worthNaming = balls.filter((ball) => ball.score >= REPORT_FROM);
  const boxes = [...photo.boxes.map((b) => b.box), ...worthNaming.map((ball) => ball.box)];
  const features = await fits.boxFeatures(photo.blob, boxes);
  const votes = boxes.map((_, i) => neighbours.votes(row(features, i)));
  const best = (shares: Record<string, number> | undefined) =>
    Object.entries(shares ?? {}).sort((a, b) => b[1] - a[1])[0]?.[0];
  return {
    labelVotes: votes.slice(0, photo.boxes.length),
    ballClasses: balls.map((ball) => {
      const at = worthNaming.indexOf(ball);
      return at < 0 ? undefined : best(votes[photo.boxes.length + at]);
    }),
  };
}

/** The same views with every labelled anchor as one class: what "is there a ball" is learnt from. */
const classBlind = (views: readonly View[]): View[] =>
  views.map((view) => ({ ...view, classes: view.classes.map((c) => Math.min(c, 1)) }));

export async function runLabelCheck(
  fits: HeadFits,
  request: CheckRequest,
  onProgress: (progress: CheckProgress) => void,
): Promise<Omit<CheckOutcome, 'backend' | 'ms'>> {
  const photos = request.photos.filter((photo) => photo.boxes.length || photo.negative);
  const folds = Math.max(2, Math.min(request.folds, photos.length));
  const foldOf = assignFolds(photos, folds, request.seed);
  const budget = viewBudgetBytes();
  const cacheViews = photos.length * TRAIN_VIEW_BYTES <= budget;
  const copies = cacheViews
    ? Math.max(1, Math.min(CHECK_COPIES, Math.floor(budget / (photos.length * TRAIN_VIEW_BYTES))))
    : 1;
  const settings = fitSettings(request.classes, request.epochs ?? CHECK_EPOCHS, copies, request.seed);
  const trainersOf = (fold: number) => photos.filter((_, i) => foldOf[i] !== fold);
  const stepsPerFold = (fold: number) => HeadFits.steps(trainersOf(fold).length * copies, settings);
  let fold = 0;
  const progress = new ProgressReporter<CheckPhase>(
    photos.length * copies * (cacheViews ? 1 : folds - 1) +
      (request.classes.length > 1 ? photos.length : 0) +
      Array.from({ length: folds }, (_, f) => stepsPerFold(f)).reduce((a, b) => a + b, 0) +
      photos.length,
    (report) => onProgress({ ...report, fold: fold + 1, folds }),
  );

  // With two classes or more, each label box is described once, for the class judgement of every fold.
  const described = request.classes.length > 1 ? new Map<CheckPhoto, DescribedBox[]>() : undefined;
  if (described)
    for (const photo of photos) {
      const features = await fits.boxFeatures(
        photo.blob,
        photo.boxes.map((b) => b.box),
      );
      described.set(
        photo,
        photo.boxes.map(({ label }, i) => ({ label, features: row(features, i) })),
      );
      progress.advance('features');
    }

  // Views per photo, made once when the budget allows it.
  const cached = new Map<CheckPhoto, View[]>();
  if (cacheViews)
    for (const [i, photo] of photos.entries())
      cached.set(
        photo,
        await fits.views([photo], { ...settings, seed: request.seed + i * copies }, 'training', () =>
          progress.advance('features'),
        ),
      );

  const suspects: PhotoSuspect[] = [];
  const qualities: { id: string; quality: number }[] = [];
  const usualClass = mostCommonClass(photos) ?? settings.classes[0] ?? '';
  try {
    for (fold = 0; fold < folds; fold++) {
      const trainers = trainersOf(fold);
      const own = cacheViews
        ? undefined
        : await fits.views(trainers, settings, 'training', () => progress.advance('features'));
      const views = own ?? trainers.flatMap((photo) => cached.get(photo) ?? []);
      const heads = await fits
        .fit(classBlind(views), { ...settings, classes: [ANY_BALL] }, request.start, () => progress.advance('training'))
        .finally(() => own && fits.release(own));
      const neighbours = described && new BoxNeighbours(trainers.flatMap((photo) => described.get(photo) ?? []));
      const judged = photos.filter((_, i) => foldOf[i] === fold);
      for (let start = 0; start < judged.length; start += DETECT_BATCH) {
        const batch = judged.slice(start, start + DETECT_BATCH);
        const wholeViews = await fits.views(batch, settings, 'detection');
        const detections = await fits.detect(heads, wholeViews, [ANY_BALL]).finally(() => fits.release(wholeViews));
        for (const [b, photo] of batch.entries()) {
          const balls = (detections[b] ?? []).map((d) => toPixels(d, photo));
          const found = findSuspects(photo.boxes, {
            balls,
            ...(neighbours ? await judgeClasses(fits, neighbours, photo, balls) : {}),
            usualClass,
          });
          suspects.push(...found.map((suspect) => ({ ...suspect, imageId: photo.id })));
          qualities.push({ id: photo.id, quality: photoQuality(found) });
          progress.advance('checking');
        }
      }
    }
  } finally {
    // Also when cancelled: the cached views are this run's to free.
    for (const views of cached.values()) fits.release(views);
  }
  progress.finish();
  return {
    suspects: suspects.sort((a, b) => b.score - a.score),
    photos: qualities.sort((a, b) => a.quality - b.quality),
    folds,
    checked: photos.length,
  };
}
