import { ProblemError } from '../problem.ts';

/** A worker that stopped by itself: killed by the browser, out of memory, a crash in WASM. */
export const isWorkerDeath = (error: unknown) =>
  error instanceof ProblemError
    ? error.problem.code === 'worker.died'
    : (error as { problem?: { code?: string } } | null)?.problem?.code === 'worker.died';
