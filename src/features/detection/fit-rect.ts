/** Where a source of `sourceWidth`×`sourceHeight` is drawn inside a box under CSS object-fit. */
export interface FitRect {
  x: number;
  y: number;
  scale: number;
}

export function fitRect(
  sourceWidth: number,
  sourceHeight: number,
  boxWidth: number,
  boxHeight: number,
  fit: 'contain' | 'cover',
): FitRect {
  const scaleX = boxWidth / sourceWidth;
  const scaleY = boxHeight / sourceHeight;
  const scale = fit === 'contain' ? Math.min(scaleX, scaleY) : Math.max(scaleX, scaleY);
  return { x: (boxWidth - sourceWidth * scale) / 2, y: (boxHeight - sourceHeight * scale) / 2, scale };
}
