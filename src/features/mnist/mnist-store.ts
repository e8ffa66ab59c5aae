// What the MNIST page keeps on this device: the last trained model (IndexedDB), so the drawing pad
// works after a reload, and the bad-labels lab's runs (a setting), so its chart grows across visits.
import { openAppDatabase } from '../../shared/database-open.ts';
import { defineSetting } from '../../shared/settings.ts';
import { NOISE_KINDS, type NoiseKind } from './label-noise.ts';
import type { MnistResult } from './mnist-protocol.ts';

export interface SavedMnistModel {
  weights: Float32Array[];
  testAccuracy: number;
  trainCount: number;
  epochs: number;
  noise: number;
  noiseKind: string;
  createdAt: number;
}

const database = () =>
  openAppDatabase('tama-lab-mnist', 1, (db) => {
    db.createObjectStore('models');
  });

export async function saveMnistModel(model: SavedMnistModel): Promise<void> {
  const db = await database();
  await db.put('models', model, 'latest');
  db.close();
}

export async function loadMnistModel(): Promise<SavedMnistModel | undefined> {
  const db = await database();
  const model = (await db.get('models', 'latest')) as SavedMnistModel | undefined;
  db.close();
  return model;
}

/** One training run of the bad-labels lab: its share and kind of flipped labels, and what came out. */
export interface NoiseRun {
  rate: number;
  kind: NoiseKind;
  accuracy: number;
  trainCount: number;
  epochs: number;
}

/** The chart averages per rate; older runs only add clutter. */
const MAX_NOISE_RUNS = 60;

const isIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

function isNoiseRun(stored: unknown): stored is NoiseRun {
  const run = stored as Partial<Record<keyof NoiseRun, unknown>> | null;
  return (
    typeof run === 'object' &&
    run !== null &&
    isIn(run.rate, 0, 1) &&
    NOISE_KINDS.includes(run.kind as NoiseKind) &&
    isIn(run.accuracy, 0, 1) &&
    isIn(run.trainCount, 0, Number.MAX_SAFE_INTEGER) &&
    isIn(run.epochs, 0, Number.MAX_SAFE_INTEGER)
  );
}

/** Keeps the valid runs of a stored list, so one edited or broken entry does not lose the others. */
function parseNoiseRuns(stored: unknown): NoiseRun[] | undefined {
  return Array.isArray(stored) ? stored.filter(isNoiseRun).slice(-MAX_NOISE_RUNS) : undefined;
}

export const noiseRuns = defineSetting<NoiseRun[]>('mnist-noise-runs', {
  version: 1,
  fallback: [],
  parse: parseNoiseRuns,
  legacyKey: 'tama-lab:mnist-noise-runs',
});

export function rememberNoiseRun(result: MnistResult): void {
  noiseRuns.set(
    [
      ...noiseRuns.get(),
      {
        rate: result.noise,
        kind: result.noiseKind,
        accuracy: result.testAccuracy,
        trainCount: result.trainCount,
        epochs: result.epochs.length,
      },
    ].slice(-MAX_NOISE_RUNS),
  );
}
