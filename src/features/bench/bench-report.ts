// The result a teacher collects from each phone: one JSON document with the device, the settings and
// every backend's numbers (or why it was not measured). Keys are English and stable, so results from a
// class can be merged by a script; the page words them for people.
import type { BackendName } from '../../shared/backend/backends.ts';
import type { BenchOutcome, BenchPlan } from './bench-run.ts';
import type { BackendBench } from './detector-bench.ts';
import type { DeviceFacts } from './device-facts.ts';

export const REPORT_FORMAT = 'tama-lab-bench';
export const REPORT_VERSION = 1;

export interface BenchImageInfo {
  /** How the picture was made, e.g. "procedural scene 7/9". */
  source: string;
  width: number;
  height: number;
}

export interface BenchReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  /** ISO 8601, when the run ended. */
  date: string;
  /** The app's address the run was made on (origin and path). */
  app: string;
  device: Omit<DeviceFacts, 'offers'> & { wasmThreads?: number };
  image: BenchImageInfo;
  settings: BenchPlan;
  results: BackendBench[];
  /** Backends that were not measured, with the reason in English. */
  skipped: { backend: BackendName; reason: string }[];
  cancelled?: boolean;
}

/** English one-liner of why a backend has no numbers (the page says it in the user's language). */
function reasonOf(outcome: Exclude<BenchOutcome, { status: 'done' }>): string {
  if (outcome.status === 'unavailable') return outcome.error.probe.reason ?? 'not available';
  const error = outcome.error;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function buildReport(input: {
  device: DeviceFacts;
  wasmThreads: number | undefined;
  image: BenchImageInfo;
  plan: BenchPlan;
  outcomes: readonly BenchOutcome[];
  cancelled: boolean;
  date?: Date;
  app?: string;
}): BenchReport {
  const { offers, ...device } = input.device;
  const measured = new Set(input.outcomes.map((outcome) => outcome.backend));
  const skipped = [
    // Not offered by the device at all: the reason the page showed beside its checkbox.
    ...offers
      .filter((offer) => !offer.available && !measured.has(offer.backend))
      .map((offer) => ({ backend: offer.backend, reason: offer.why ?? 'not available' })),
    ...input.outcomes
      .filter((outcome): outcome is Exclude<BenchOutcome, { status: 'done' }> => outcome.status !== 'done')
      .map((outcome) => ({ backend: outcome.backend, reason: reasonOf(outcome) })),
  ];
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    date: (input.date ?? new Date()).toISOString(),
    app: input.app ?? `${location.origin}${location.pathname}`,
    device: input.wasmThreads === undefined ? device : { ...device, wasmThreads: input.wasmThreads },
    image: input.image,
    settings: input.plan,
    results: input.outcomes.flatMap((outcome) => (outcome.status === 'done' ? [outcome.result] : [])),
    skipped,
    ...(input.cancelled ? { cancelled: true } : {}),
  };
}

export const reportJson = (report: BenchReport): string => JSON.stringify(report, null, 2);
