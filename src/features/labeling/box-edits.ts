// What a pointer drag or an arrow key does to the boxes, in image pixels, without any DOM: the
// <box-labeler> element keeps the state, the selection and the undo steps.
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import type { Box } from '../../model/geometry.ts';
import { type Bounds, type Handle, hitTest, moveBox, type Point, resizeBox } from './box-geometry.ts';
import type { Suggestion } from './suggestion.ts';

/** Drawing a new box (maybe a tap on a suggestion), or moving / resizing the box at `index`. */
export type Drag =
  | { kind: 'draw'; start: Point; current: Point; suggestion?: number }
  | { kind: 'move' | Handle; index: number; start: Point; original: Box };

/** What pressing at `p` starts: the topmost box part within `reach`, else a drawing. */
export function startDrag(
  boxes: readonly LabeledBox[],
  suggestions: readonly Suggestion[],
  p: Point,
  reach: number,
): Drag {
  const hit = hitTest(
    boxes.map((b) => b.box),
    p,
    reach,
  );
  if (hit) {
    const original = boxes[hit.index]?.box as Box;
    return { kind: hit.part === 'body' ? 'move' : hit.part, index: hit.index, start: p, original };
  }
  const suggestion = hitTest(
    suggestions.map((s) => s.box),
    p,
    0,
  )?.index;
  return { kind: 'draw', start: p, current: p, ...(suggestion === undefined ? {} : { suggestion }) };
}

/** The box being moved or resized, with the pointer now at `p`. */
export function draggedBox(drag: Exclude<Drag, { kind: 'draw' }>, p: Point, bounds: Bounds): Box {
  const dx = p.x - drag.start.x;
  const dy = p.y - drag.start.y;
  return drag.kind === 'move'
    ? moveBox(drag.original, dx, dy, bounds)
    : resizeBox(drag.original, drag.kind, dx, dy, bounds);
}

const arrows: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The box after an arrow key: 1 px, 10 px with alt; shift resizes from the bottom-right corner.
 * Undefined for any other key.
 */
export function boxAfterArrowKey(
  box: Box,
  { key, altKey, shiftKey }: Pick<KeyboardEvent, 'key' | 'altKey' | 'shiftKey'>,
  bounds: Bounds,
): Box | undefined {
  const arrow = arrows[key];
  if (!arrow) return undefined;
  const step = altKey ? 10 : 1;
  const [dx, dy] = [arrow[0] * step, arrow[1] * step];
  return shiftKey ? resizeBox(box, 'se', dx, dy, bounds) : moveBox(box, dx, dy, bounds);
}

/** `boxes` with the one at `index` given `box`, keeping its label. */
export function withBox(boxes: readonly LabeledBox[], index: number, box: Box): LabeledBox[] {
  return boxes.map((b, i) => (i === index ? { ...b, box } : b));
}
