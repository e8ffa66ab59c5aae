/**
 * A short duration for progress and results: "45 s", "3:07", "1:02:05". Below a minute it keeps
 * seconds, so an ETA never reads "about 0 min left".
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = String(seconds % 60).padStart(2, '0');
  if (hours) return `${hours}:${String(minutes).padStart(2, '0')}:${secs}`;
  return minutes ? `${minutes}:${secs}` : `${seconds} s`;
}

/** Time left, from the time spent on `done` of `total` units; undefined until there is something to go on. */
export function estimateRemaining(elapsedMs: number, done: number, total: number): number | undefined {
  return done > 0 ? (elapsedMs / done) * Math.max(0, total - done) : undefined;
}
