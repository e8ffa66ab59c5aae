/** A rectangle in CSS pixels: left, top, width, height. */
export type Rect = readonly [number, number, number, number];

/**
 * Where a box's label goes: above the box when there is room inside the picture, else just inside its
 * top edge, and always shifted (never cut) so the whole label stays inside the picture. A label on a
 * ball at the right edge of a phone's picture would otherwise run off the screen.
 */
export function placeLabel(box: Rect, labelWidth: number, labelHeight: number, picture: Rect): Rect {
  const [pictureLeft, pictureTop, pictureWidth, pictureHeight] = picture;
  const width = Math.min(labelWidth, pictureWidth);
  const height = Math.min(labelHeight, pictureHeight);
  const above = box[1] - height;
  const top = above >= pictureTop ? above : box[1];
  return [
    clamp(box[0], pictureLeft, pictureLeft + pictureWidth - width),
    clamp(top, pictureTop, pictureTop + pictureHeight - height),
    width,
    height,
  ];
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
