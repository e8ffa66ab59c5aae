// A benchmark run on the page: each chosen backend in turn, each one's outcome as soon as it is known,
// and afterwards the backend the app was using before, so the rest of the app carries on unchanged.
import { activateBackend, type BackendChoice, type BackendName, selectBackend } from '../../shared/backend/backends.ts';
import { isCancelled } from '../../shared/cancelled.ts';
import {
  type BackendBench,
  BackendUnavailableError,
  type BenchProgress,
  benchBackend,
  runsOn,
  TRAIN_STEPS,
} from './detector-bench.ts';

export interface BenchPlan {
  backends: BackendName[];
  runs: number;
  stock: boolean;
  train: boolean;
}

export type BenchOutcome =
  | { backend: BackendName; status: 'done'; result: BackendBench }
  | { backend: BackendName; status: 'unavailable'; error: BackendUnavailableError }
  | { backend: BackendName; status: 'failed'; error: unknown };

export interface RunCallbacks {
  signal: AbortSignal;
  /** The whole run's progress, 0…1, and the step in progress. */
  onProgress: (fraction: number, step: BenchProgress) => void;
  onOutcome: (outcome: BenchOutcome) => void;
}

/** Progress units of one backend: loading and the first detection, `runs` frames, training, stock. */
function unitsOf(plan: BenchPlan, backend: BackendName): number {
  // On a slow backend the frames are capped; software GPUs are only known once started, so the
  // estimate counts them in full and the bar jumps ahead a little there.
  const frames = runsOn(backend, plan.runs);
  return 1 + frames + (plan.stock ? frames + 1 : 0) + (plan.train ? TRAIN_STEPS + 1 : 0);
}

function unitsDone(plan: BenchPlan, { part, done }: BenchProgress, frames: number): number {
  switch (part) {
    case 'load':
      return 0;
    case 'ours':
      return 1 + done;
    case 'train':
      return 1 + frames + done;
    case 'stock':
      return 1 + frames + (plan.train ? TRAIN_STEPS + 1 : 0) + done;
  }
}

/** The backend the app has selected, asked for at the end (the user may have picked another meanwhile). */
export type AppBackend = () => { active?: BackendName | undefined; preference: BackendChoice };

/**
 * Runs `plan` on `image`, then makes the app's backend active again. A backend that does not start,
 * or fails, is reported and the run goes on; a cancel ends it.
 */
export async function runBench(
  plan: BenchPlan,
  image: ImageBitmap,
  appBackend: AppBackend,
  { signal, onProgress, onOutcome }: RunCallbacks,
): Promise<BenchOutcome[]> {
  const total = plan.backends.reduce((sum, backend) => sum + unitsOf(plan, backend), 0);
  let before = 0;
  const outcomes: BenchOutcome[] = [];
  const report = (outcome: BenchOutcome) => {
    outcomes.push(outcome);
    onOutcome(outcome);
  };
  try {
    for (const backend of plan.backends) {
      const units = unitsOf(plan, backend);
      const frames = runsOn(backend, plan.runs);
      try {
        const result = await benchBackend(backend, image, {
          ...plan,
          signal,
          onProgress: (step) =>
            onProgress(Math.min(1, (before + Math.min(units, unitsDone(plan, step, frames))) / total), step),
        });
        report({ backend, status: 'done', result });
      } catch (error) {
        if (isCancelled(error)) throw error;
        report(
          error instanceof BackendUnavailableError
            ? { backend, status: 'unavailable', error }
            : { backend, status: 'failed', error },
        );
      }
      before += units;
    }
    return outcomes;
  } finally {
    // The app's other pages expect the backend they were given; a failure here falls back as the app would.
    const { active, preference } = appBackend();
    const back = active ? await activateBackend(active) : undefined;
    if (!back?.ok) await selectBackend(preference).catch(() => {});
  }
}
