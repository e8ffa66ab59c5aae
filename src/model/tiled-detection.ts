// A zoomed second look for small and far balls: the whole picture, then a grid of overlapping tiles,
// each fed to the detector at full input size (a 2×2 grid shows a ball about twice as large). Boxes
// are mapped back and merged by NMS. It costs 1 + grid² detector passes, so it serves photos, labeling
// suggestions and evaluation — not every live frame.
import { type DetectOptions, type Detector, type DetectorSource, sourceSize } from './detector.ts';
import { type Detection, nonMaxSuppression } from './geometry.ts';

export interface TiledOptions extends DetectOptions {
  /** Tiles per side; 1 = only the whole picture. Default 2. */
  grid?: number;
  /** Share of a tile that overlaps its neighbour, so a ball on a seam is whole in one tile. Default 0.25. */
  overlap?: number;
}

type Drawable = Exclude<DetectorSource, ImageData>;

/** Tile rectangles [x, y, w, h] covering a width × height picture. */
export function tileRects(
  width: number,
  height: number,
  grid: number,
  overlap: number,
): [number, number, number, number][] {
  const tileWidth = width / (grid - (grid - 1) * overlap);
  const tileHeight = height / (grid - (grid - 1) * overlap);
  const rects: [number, number, number, number][] = [];
  for (let row = 0; row < grid; row++)
    for (let column = 0; column < grid; column++)
      rects.push([
        Math.round(column * tileWidth * (1 - overlap)),
        Math.round(row * tileHeight * (1 - overlap)),
        Math.round(tileWidth),
        Math.round(tileHeight),
      ]);
  return rects;
}

/** A box touching a tile edge that is not also the picture's edge was cut by the tile: the whole view has it. */
function cutByTile(
  [x, y, w, h]: readonly number[],
  [tx, ty, tw, th]: readonly number[],
  width: number,
  height: number,
): boolean {
  const margin = 2;
  return (
    (x - tx < margin && tx > 0) ||
    (y - ty < margin && ty > 0) ||
    (tx + tw - (x + w) < margin && tx + tw < width) ||
    (ty + th - (y + h) < margin && ty + th < height)
  );
}

export async function detectTiled(
  detector: Detector,
  source: Drawable,
  { grid = 2, overlap = 0.25, ...options }: TiledOptions = {},
): Promise<Detection[]> {
  const whole = await detector.detect(source, { ...options, maxDetections: 100 });
  if (grid <= 1) return nonMaxSuppression(whole, options.iouThreshold ?? 0.5, options.maxDetections ?? 20);
  const { width, height } = sourceSize(source);
  const found = [...whole];
  for (const rect of tileRects(width, height, grid, overlap)) {
    const [tx, ty, tw, th] = rect;
    const tile = new OffscreenCanvas(tw, th);
    (tile.getContext('2d') as OffscreenCanvasRenderingContext2D).drawImage(source, tx, ty, tw, th, 0, 0, tw, th);
    for (const detection of await detector.detect(tile, { ...options, maxDetections: 100 })) {
      const [x, y, w, h] = detection.box;
      const box: Detection['box'] = [x + tx, y + ty, w, h];
      if (!cutByTile(box, rect, width, height)) found.push({ ...detection, box });
    }
  }
  return nonMaxSuppression(found, options.iouThreshold ?? 0.5, options.maxDetections ?? 20);
}
