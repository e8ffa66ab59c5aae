// Told from the training worker to the page when the GPU under TF.js went away (gpu-watch.ts sees it).
/**
 * The run's GPU went away. Its name survives comlink's structured clone (name and message), so the
 * page tests the name, like Cancelled.
 */
export class GpuLost extends Error {
  override name = 'GpuLost';
}

export const isGpuLost = (error: unknown): boolean => error instanceof Error && error.name === 'GpuLost';
