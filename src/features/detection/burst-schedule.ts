/**
 * Calls `grab` `count` times on a wall-clock schedule: call i is due `i · intervalMs` after the first,
 * however long each grab or anything else on the page (the detector) takes. Nothing is awaited between
 * calls but the timer, so lateness never adds up: a burst of 10 frames 0.5 s apart spans 4.5 s on a
 * busy phone too, not 4.5 s plus ten encodes plus ten detector frames.
 */
export async function onSchedule<T>(count: number, intervalMs: number, grab: (index: number) => T): Promise<T[]> {
  const results: T[] = [];
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const wait = started + index * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    results.push(grab(index));
  }
  return results;
}
