// How many views a run may cache. Every view keeps the heads' inputs in the worker for the whole run
// (training-views.ts): a training view the class head's input at all 480 cells (~1.4 MB), a validation
// view the box head's too (~2.8 MB). Left alone that grows with the dataset: 500 photos × 3 views took
// 1.9 GB of tensors, more than a phone gives a tab. A run therefore fits its views into a budget:
// fewer views per photo first, then a seeded sample of the photos, the same one every time (a resumed
// run trains on the checkpoint's photos, which are this sample).
import { LEVELS } from '../../model/ssd-heads.ts';
import { Random } from '../../shared/random.ts';

const MB = 1024 * 1024;

/** The class head's input at every cell of every level, float32. */
const CLASS_INPUT_BYTES = LEVELS.reduce((sum, { size, channels }) => sum + size * size * channels * 4, 0);
/** The box head's input at the few cells of matched anchors adds a few per cent (measured: under 5 %). */
export const TRAIN_VIEW_BYTES = Math.ceil(CLASS_INPUT_BYTES * 1.05);
export const VAL_VIEW_BYTES = 2 * CLASS_INPUT_BYTES;

/**
 * Cached views may take this much. With the graph, one batch and the page a run then stays near
 * 0.5 GB of renderer memory, which a phone with 4 GB gives a tab; the sample dataset's 48 + 16
 * photos with 3 views (250 MB) fit untouched.
 */
export const VIEW_BUDGET_BYTES = 384 * MB;
/** Per GB the browser says the device has (navigator.deviceMemory: 0.25 to 8), never below the minimum. */
const BUDGET_PER_DEVICE_GB = 96 * MB;
const MIN_BUDGET_BYTES = 96 * MB;
/** Validation may take at most this share when training needs the rest. */
const VAL_SHARE = 0.25;

/** The budget on this device: smaller where the browser says the device has little memory. */
export function viewBudgetBytes(
  deviceMemoryGb = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory,
): number {
  if (!deviceMemoryGb) return VIEW_BUDGET_BYTES;
  return Math.min(VIEW_BUDGET_BYTES, Math.max(MIN_BUDGET_BYTES, deviceMemoryGb * BUDGET_PER_DEVICE_GB));
}

/** What the budget took away: the user's views per photo and the photos there were before the sample. */
export interface ViewCap {
  requestedViews: number;
  trainPhotos: number;
  valPhotos: number;
}

export interface ViewPlan<T> {
  viewsPerPhoto: number;
  train: T[];
  val: T[];
  /** Set when the run uses less than asked for. */
  cap?: ViewCap;
}

/** `count` of `items`, picked with `seed`, in their original order. */
function sample<T>(items: readonly T[], count: number, seed: number): T[] {
  if (count >= items.length) return [...items];
  const random = new Random(seed);
  const indices = items.map((_, i) => i);
  // A partial Fisher–Yates shuffle: the first `count` places hold the sample.
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random.next() * (indices.length - i));
    [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
  }
  return indices
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => items[i] as T);
}

/** The views a run caches within `budget` bytes, with `viewsPerPhoto` asked for. */
export function planViews<T>(
  train: readonly T[],
  val: readonly T[],
  viewsPerPhoto: number,
  seed: number,
  budget = viewBudgetBytes(),
): ViewPlan<T> {
  const valKept = Math.min(val.length, Math.floor((budget * VAL_SHARE) / VAL_VIEW_BYTES));
  const trainBudget = budget - valKept * VAL_VIEW_BYTES;
  const views = Math.max(
    1,
    Math.min(viewsPerPhoto, Math.floor(trainBudget / (Math.max(1, train.length) * TRAIN_VIEW_BYTES))),
  );
  const trainKept = Math.min(train.length, Math.floor(trainBudget / (views * TRAIN_VIEW_BYTES)));
  const plan: ViewPlan<T> = {
    viewsPerPhoto: views,
    // Different seeds for the two samples, so neither follows from the other.
    train: sample(train, trainKept, seed),
    val: sample(val, valKept, seed ^ 0x5bd1e995),
  };
  const capped = views < viewsPerPhoto || trainKept < train.length || valKept < val.length;
  return capped
    ? { ...plan, cap: { requestedViews: viewsPerPhoto, trainPhotos: train.length, valPhotos: val.length } }
    : plan;
}
