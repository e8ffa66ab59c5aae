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

/** Where the handles of a box are drawn: corners, then edge midpoints. */
export function handlePoints([x, y, w, h]: Box): [Handle, number, number][] {
  return [
    ['nw', x, y],
    ['ne', x + w, y],
    ['sw', x, y + h],
    ['se', x + w, y + h],
    ['n', x + w / 2, y],
    ['s', x + w / 2, y + h],
    ['w', x, y + h / 2],
    ['e', x + w, y + h / 2],
  ];
}

/**
 * Which box (topmost first) and which part of it is under `p`. Corners win within `reach` pixels,
 * then edges (anywhere along them, so a finger need not find a midpoint), then the inside. Edges of
 * a box too small to also leave room for moving it count as its inside.
 */
export function hitTest(
  boxes: readonly Box[],
  p: Point,
  reach: number,
): { index: number; part: Handle | 'body' } | undefined {
  for (let index = boxes.length - 1; index >= 0; index--) {
    const [x, y, w, h] = boxes[index] as Box;
    const corners: [Handle, number, number][] = [
      ['nw', x, y],
      ['ne', x + w, y],
      ['sw', x, y + h],
      ['se', x + w, y + h],
    ];
    for (const [handle, cx, cy] of corners) {
      if (Math.abs(p.x - cx) <= reach && Math.abs(p.y - cy) <= reach) return { index, part: handle };
    }
  }
  for (let index = boxes.length - 1; index >= 0; index--) {
    const [x, y, w, h] = boxes[index] as Box;
    const alongX = p.x >= x && p.x <= x + w;
    const alongY = p.y >= y && p.y <= y + h;
    const near = (a: number, b: number) => Math.abs(a - b) <= reach / 2;
    if (w > 4 * reach && alongY) {
      if (near(p.x, x)) return { index, part: 'w' };
      if (near(p.x, x + w)) return { index, part: 'e' };
    }
    if (h > 4 * reach && alongX) {
      if (near(p.y, y)) return { index, part: 'n' };
      if (near(p.y, y + h)) return { index, part: 's' };
    }
  }
  for (let index = boxes.length - 1; index >= 0; index--) {
    const [x, y, w, h] = boxes[index] as Box;
    if (p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h) return { index, part: 'body' };
  }
  return undefined;
}
