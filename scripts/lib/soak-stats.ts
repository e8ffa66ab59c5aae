// The numbers behind `npm run soak`'s verdicts: a least-squares slope per sample and a comparison of
// the first and last thirds of a series against what the series' own scatter (and a stated floor)
// counts as noise. Pure functions, so the verdict logic is tested on made-up series too.

export interface Tolerance {
  /** Below this absolute change nothing counts as growth (a few tensors, a few kB of heap). */
  abs: number;
  /** …nor below this fraction of the first third's mean. */
  rel: number;
  /** 'up' for memory and frame time (growth is the problem), 'down' for FPS (a drop is). */
  bad?: 'up' | 'down';
}

export type Verdict = 'flat within noise' | 'growing' | 'falling' | 'too few samples';

export interface Trend {
  /** Least-squares change per sample. */
  slope: number;
  /** Means of the first and the last third of the samples. */
  first: number;
  last: number;
  /** The change the verdict allows: the floor, or twice the scatter around the fitted line. */
  noise: number;
  verdict: Verdict;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Least-squares line through (i, values[i]). */
export function linearFit(values: readonly number[]): { slope: number; intercept: number } {
  const n = values.length;
  if (n < 2) return { slope: 0, intercept: values[0] ?? 0 };
  const xMean = (n - 1) / 2;
  const yMean = mean(values);
  let sxy = 0;
  let sxx = 0;
  values.forEach((y, x) => {
    sxy += (x - xMean) * (y - yMean);
    sxx += (x - xMean) ** 2;
  });
  const slope = sxy / sxx;
  return { slope, intercept: yMean - slope * xMean };
}

/**
 * "growing" when the last third's mean exceeds the first third's by more than the noise and the fitted
 * line rises too; the scatter term keeps a series that merely jitters (GC, a busy machine) flat.
 */
export function trend(values: readonly number[], tolerance: Tolerance): Trend {
  const { slope, intercept } = linearFit(values);
  const third = Math.ceil(values.length / 3);
  const first = mean(values.slice(0, third));
  const last = mean(values.slice(-third));
  const residuals = values.map((y, x) => y - (intercept + slope * x));
  const scatter = Math.sqrt(mean(residuals.map((r) => r * r)));
  const noise = Math.max(tolerance.abs, tolerance.rel * Math.abs(first), 2 * scatter);
  if (values.length < 3) return { slope, first, last, noise, verdict: 'too few samples' };
  const bad = tolerance.bad ?? 'up';
  const change = bad === 'up' ? last - first : first - last;
  const worsening = bad === 'up' ? slope > 0 : slope < 0;
  const verdict: Verdict = change > noise && worsening ? (bad === 'up' ? 'growing' : 'falling') : 'flat within noise';
  return { slope, first, last, noise, verdict };
}

export interface MetricColumn<Row> {
  name: string;
  value: (row: Row) => number | undefined;
  tolerance: Tolerance;
  /** How a value prints in the table (units, rounding). */
  format: (value: number) => string;
}

/** Right-aligned fixed-width table lines: the header once, then one line per row as it comes. */
export function tableLine(cells: readonly string[], width = 12): string {
  return cells.map((cell) => cell.padStart(width)).join(' ');
}

export interface MetricSummary {
  metric: string;
  samples: number;
  first: number;
  last: number;
  slopePerSample: number;
  noise: number;
  verdict: Verdict;
  /** The same numbers in the table's units. */
  shown: { first: string; last: string; slope: string; noise: string };
}

export function summarize<Row>(rows: readonly Row[], columns: readonly MetricColumn<Row>[]): MetricSummary[] {
  const summaries: MetricSummary[] = [];
  for (const column of columns) {
    const values = rows.map(column.value).filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (!values.length) continue;
    const t = trend(values, column.tolerance);
    summaries.push({
      metric: column.name,
      samples: values.length,
      first: t.first,
      last: t.last,
      slopePerSample: t.slope,
      noise: t.noise,
      verdict: t.verdict,
      shown: {
        first: column.format(t.first),
        last: column.format(t.last),
        slope: column.format(t.slope),
        noise: column.format(t.noise),
      },
    });
  }
  return summaries;
}

export function printSummary(summaries: readonly MetricSummary[], print: (line: string) => void): void {
  print('');
  print(tableLine(['metric', 'first third', 'last third', 'slope/sample', 'noise', 'verdict'], 14));
  for (const s of summaries)
    print(tableLine([s.metric, s.shown.first, s.shown.last, s.shown.slope, s.shown.noise, s.verdict], 14));
}

export const median = (values: readonly number[]): number => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Counts print whole; their means and slopes with two decimals. */
export const formatCount = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));
