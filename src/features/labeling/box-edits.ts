// What a pointer drag or an arrow key does to the boxes, in image pixels, without any DOM: the
// <box-labeler> element keeps the state, the selection and the undo steps.
import type { LabeledBox, StoredImage } from '../../dataset/dataset-store.ts';
import type { Box } from '../../model/geometry.ts';
import { type Bounds, boxAt, type Handle, handleAt, moveBox, type Point, resizeBox } from './box-geometry.ts';
import type { Suggestion } from './suggestion.ts';

/**
 * Drawing a new box (a tap when it stays tiny: on a box or a suggestion it picks that one), or moving /
 * resizing the selected box at `index`.
 */
export type Drag =
  | { kind: 'draw'; start: Point; current: Point; box?: number; suggestion?: number }
  | { kind: 'move' | Handle; index: number; start: Point; original: Box };

/**
 * What pressing at `p` starts. Only the selected box can be changed by dragging — from one of its
 * handles (touch areas of `radius`) or its inside; anywhere else, even right beside or inside another
 * box, a new box is drawn, so boxing a ball next to a labelled one never stretches its neighbour.
 */
export function startDrag(
  boxes: readonly LabeledBox[],
  selected: number | undefined,
  suggestions: readonly Suggestion[],
  p: Point,
  radius: number,
): Drag {
  const chosen = selected === undefined ? undefined : boxes[selected]?.box;
  if (chosen && selected !== undefined) {
    const handle = handleAt(chosen, p, radius);
    if (handle) return { kind: handle, index: selected, start: p, original: chosen };
    if (boxAt([chosen], p) !== undefined) return { kind: 'move', index: selected, start: p, original: chosen };
  }
  const box = boxAt(
    boxes.map((b) => b.box),
    p,
  );
  const suggestion =
    box === undefined
      ? boxAt(
          suggestions.map((s) => s.box),
          p,
        )
      : undefined;
  return {
    kind: 'draw',
    start: p,
    current: p,
    ...(box === undefined ? {} : { box }),
    ...(suggestion === undefined ? {} : { suggestion }),
  };
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

/** A copy of `box` shifted by a quarter of its size (back inside the image where needed), to drag onto a twin ball. */
export function duplicateOf([x, y, w, h]: Box, bounds: Bounds): Box {
  const dx = x + w * 1.25 <= bounds.width ? w / 4 : -w / 4;
  const dy = y + h * 1.25 <= bounds.height ? h / 4 : -h / 4;
  return moveBox([x, y, w, h], dx, dy, bounds);
}

/** `boxes` with the one at `index` given `box`, keeping its label. */
export function withBox(boxes: readonly LabeledBox[], index: number, box: Box): LabeledBox[] {
  return boxes.map((b, i) => (i === index ? { ...b, box } : b));
}

/** `image`'s boxes plus `previous`'s, scaled to `image` (burst frames share a size; other photos may not). */
export function withPreviousBoxes(
  image: Pick<StoredImage, 'boxes' | 'width' | 'height'>,
  previous: Pick<StoredImage, 'boxes' | 'width' | 'height'>,
): LabeledBox[] {
  const sx = image.width / previous.width;
  const sy = image.height / previous.height;
  return [
    ...image.boxes,
    ...previous.boxes.map(({ box: [x, y, w, h], label }) => ({ box: [x * sx, y * sy, w * sx, h * sy] as Box, label })),
  ];
}
