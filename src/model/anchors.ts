// COCO-SSD's anchors, generated for any input size. The graph stores them only for 300×300 (a constant
// of 1917 boxes); a smaller input gives smaller feature maps, and since the heads are 1×1 layers applied
// per grid cell, regenerating the anchor grid is all a new size needs. Same recipe as the TensorFlow
// Object Detection API's MultipleGridAnchorGenerator in ssdlite_mobilenet_v2_coco: six layers, scales
// 0.2…0.95, aspect ratios 1, 2, ½, 3, ⅓ plus one in-between scale, and only three boxes (0.1 at 1:1,
// then 2:1 and 1:2) on the first, finest layer. A unit test checks the 300×300 result against the graph.
const MIN_SCALE = 0.2;
const MAX_SCALE = 0.95;
const ASPECT_RATIOS = [1, 2, 0.5, 3, 1 / 3];
const LAYERS = 6;
/** The input size COCO-SSD was trained at. */
const FULL_SIZE = 300;

/** Feature-map sides of the six levels for a square input: MobileNetV2 at stride 16 and 32, then four stride-2 layers (SAME padding). */
export function featureSizes(inputSize: number): number[] {
  const sizes = [Math.ceil(inputSize / 16), Math.ceil(inputSize / 32)];
  while (sizes.length < LAYERS) sizes.push(Math.ceil((sizes.at(-1) as number) / 2));
  return sizes;
}

/** [scale, aspect ratio] of each box of one grid cell, per level. */
function boxSpecs(): [number, number][][] {
  const scales = Array.from({ length: LAYERS }, (_, i) => MIN_SCALE + ((MAX_SCALE - MIN_SCALE) * i) / (LAYERS - 1));
  scales.push(1);
  return Array.from({ length: LAYERS }, (_, level) => {
    const scale = scales[level] as number;
    if (level === 0)
      return [
        [0.1, 1],
        [scale, 2],
        [scale, 0.5],
      ];
    const specs = ASPECT_RATIOS.map((ratio): [number, number] => [scale, ratio]);
    specs.push([Math.sqrt(scale * (scales[level + 1] as number)), 1]);
    return specs;
  });
}

/** Anchors per grid cell on each level: 3, then 6. */
export const ANCHORS_PER_CELL = boxSpecs().map((specs) => specs.length);

/**
 * Normalised [ymin, xmin, ymax, xmax] of every anchor for a square input of `inputSize` pixels, in the
 * order the heads emit them: level, then row, column, box.
 */
export function generateAnchors(inputSize: number): Float32Array {
  const sizes = featureSizes(inputSize);
  const specs = boxSpecs();
  // The network learnt its boxes in pixels of a 300×300 input: a smaller input keeps each anchor's size
  // in pixels, so that the box it regresses from still fits what the features see.
  const pixelScale = FULL_SIZE / inputSize;
  const count = sizes.reduce((sum, size, level) => sum + size * size * (specs[level] as []).length, 0);
  const anchors = new Float32Array(count * 4);
  let offset = 0;
  sizes.forEach((size, level) => {
    for (let row = 0; row < size; row++)
      for (let column = 0; column < size; column++)
        for (const [scale, ratio] of specs[level] as [number, number][]) {
          const yc = (row + 0.5) / size;
          const xc = (column + 0.5) / size;
          const h = (scale / Math.sqrt(ratio)) * pixelScale;
          const w = scale * Math.sqrt(ratio) * pixelScale;
          anchors.set([yc - h / 2, xc - w / 2, yc + h / 2, xc + w / 2], offset);
          offset += 4;
        }
  });
  return anchors;
}
