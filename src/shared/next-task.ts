/**
 * Settles in a later task of the event loop, so the page can paint and answer taps in between: the
 * way to cut long start-up work into pieces. (A resolved promise would not do: microtasks run before
 * the browser gets a turn.) Works in workers too.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
