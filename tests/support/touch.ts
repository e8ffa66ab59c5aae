// Touch input for e2e tests: fingers moving in straight lines through Chromium's touch events, so the
// page gets real touch Pointer Events (not mouse ones).
import type { CDPSession } from 'playwright-core';

export type Point = [number, number];

/** Each finger moves from its first point to its second in `steps` moves, all at once. */
export async function touch(cdp: CDPSession, fingers: [from: Point, to: Point][], steps = 6) {
  const at = (t: number) =>
    fingers.map(([[x1, y1], [x2, y2]], id) => ({ x: x1 + (x2 - x1) * t, y: y1 + (y2 - y1) * t, id }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let i = 1; i <= steps; i++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / steps) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Polls `condition` every 100 ms until it holds, or fails after `timeout` ms. */
export async function waitUntil(condition: () => Promise<boolean>, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
