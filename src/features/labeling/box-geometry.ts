import type { Box } from '../../model/geometry.ts';

export type Handle = 'nw' | 'ne' | 'sw' | 'se' | 'n' | 's' | 'e' | 'w';
export interface Point {
  x: number;
  y: number;
}
export interface Bounds {
  width: number;
  height: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The box spanned by a drag from `a` to `b`, in any direction, clipped to the image. */
export function boxFromDrag(a: Point, b: Point, bounds: Bounds): Box {
  const x1 = clamp(Math.min(a.x, b.x), 0, bounds.width);
  const y1 = clamp(Math.min(a.y, b.y), 0, bounds.height);
  const x2 = clamp(Math.max(a.x, b.x), 0, bounds.width);
  const y2 = clamp(Math.max(a.y, b.y), 0, bounds.height);
  return [x1, y1, x2 - x1, y2 - y1];
}

/** Moves a box by (dx, dy), keeping it whole inside the image. */
export function moveBox([x, y, w, h]: Box, dx: number, dy: number, bounds: Bounds): Box {
  return [clamp(x + dx, 0, bounds.width - w), clamp(y + dy, 0, bounds.height - h), w, h];
}

/**
 * Drags a corner or an edge by (dx, dy); the opposite side stays put, an edge moves only across
 * itself, and the box never flips below 1 px.
 */
export function resizeBox([x, y, w, h]: Box, handle: Handle, dx: number, dy: number, bounds: Bounds): Box {
  let left = x;
  let top = y;
  let right = x + w;
  let bottom = y + h;
  if (handle.includes('w')) left = clamp(left + dx, 0, right - 1);
  else if (handle.includes('e')) right = clamp(right + dx, left + 1, bounds.width);
  if (handle.includes('n')) top = clamp(top + dy, 0, bottom - 1);
  else if (handle.includes('s')) bottom = clamp(bottom + dy, top + 1, bounds.height);
  return [left, top, right - left, bottom - top];
}

const inside = ([x, y, w, h]: Box, p: Point) => p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h;

/**
 * The handles a box shows: its corners, and the midpoint of each side long enough (4 radii) that its
 * touch area does not overlap the corners' — on a small box, edge handles would hide the corners.
 */
export function handlePoints([x, y, w, h]: Box, radius: number): [Handle, number, number][] {
  const handles: [Handle, number, number][] = [
    ['nw', x, y],
    ['ne', x + w, y],
    ['sw', x, y + h],
    ['se', x + w, y + h],
  ];
  if (w >= 4 * radius) handles.push(['n', x + w / 2, y], ['s', x + w / 2, y + h]);
  if (h >= 4 * radius) handles.push(['w', x, y + h / 2], ['e', x + w, y + h / 2]);
  return handles;
}

/**
 * Which handle of `box` a press at `p` grabs: the nearest one within `radius` (a touch-sized circle
 * drawn around each handle). Inside a box too small to fit two such circles side by side, only half the
 * radius counts, so the rest of its inside is left for moving it.
 */
export function handleAt(box: Box, p: Point, radius: number): Handle | undefined {
  const [, , w, h] = box;
  let best = (w < 2 * radius || h < 2 * radius) && inside(box, p) ? radius / 2 : radius;
  let nearest: Handle | undefined;
  for (const [handle, cx, cy] of handlePoints(box, radius)) {
    const distance = Math.hypot(p.x - cx, p.y - cy);
    if (distance <= best) {
      best = distance;
      nearest = handle;
    }
  }
  return nearest;
}

/** The topmost box containing `p`, if any. */
export function boxAt(boxes: readonly Box[], p: Point): number | undefined {
  for (let index = boxes.length - 1; index >= 0; index--) if (inside(boxes[index] as Box, p)) return index;
  return undefined;
}
