// The bad-labels lab's runs for boxes, kept on this device (a setting) so the chart grows across visits,
// like the MNIST page's.
import { BOX_NOISE_KINDS, type BoxNoiseKind } from '../../dataset/box-noise.ts';
import { defineSetting } from '../../shared/settings.ts';
import type { NoiseLabResult } from './label-check-protocol.ts';

export type BoxNoiseRun = Pick<NoiseLabResult, 'kind' | 'rate' | 'mAP50' | 'recall' | 'precision' | 'trainPhotos'>;

/** The chart averages per kind and rate; older runs only add clutter. */
const MAX_RUNS = 80;

const unit = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

function isRun(value: unknown): value is BoxNoiseRun {
  const run = value as Partial<BoxNoiseRun> | null;
  return (
    typeof run === 'object' &&
    run !== null &&
    BOX_NOISE_KINDS.includes(run.kind as BoxNoiseKind) &&
    unit(run.rate) &&
    unit(run.mAP50) &&
    unit(run.recall) &&
    unit(run.precision) &&
    typeof run.trainPhotos === 'number'
  );
}

export const boxNoiseRuns = defineSetting<BoxNoiseRun[]>('box-noise-runs', {
  version: 1,
  fallback: [],
  parse: (stored) => (Array.isArray(stored) ? stored.filter(isRun).slice(-MAX_RUNS) : undefined),
});

export function rememberBoxNoiseRun({ kind, rate, mAP50, recall, precision, trainPhotos }: NoiseLabResult): void {
  boxNoiseRuns.set([...boxNoiseRuns.get(), { kind, rate, mAP50, recall, precision, trainPhotos }].slice(-MAX_RUNS));
}

/** Per rate, the mean of `value` over the runs of `kind` (null where none ran). */
export function meanPerRate(
  runs: readonly BoxNoiseRun[],
  kind: BoxNoiseKind,
  rates: readonly number[],
  value: (run: BoxNoiseRun) => number,
): (number | null)[] {
  return rates.map((rate) => {
    const same = runs.filter((run) => run.kind === kind && run.rate === rate);
    return same.length ? same.reduce((sum, run) => sum + value(run), 0) / same.length : null;
  });
}
