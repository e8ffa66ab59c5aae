// The picture every benchmark detects on: a procedural phone photo drawn right here (no download, so
// it works offline and is the same on every device), with two balls the default model finds at its 0.5 default.
import { renderScene } from '../../dataset/synthetic/render-scene.ts';
import type { BenchImageInfo } from './bench-report.ts';

const SEED = 7;
const INDEX = 24;

export async function benchImage(): Promise<{ bitmap: ImageBitmap; info: BenchImageInfo }> {
  const scene = await renderScene(SEED, INDEX);
  const bitmap = await createImageBitmap(scene.jpeg);
  return {
    bitmap,
    info: { source: `procedural scene ${SEED}/${INDEX}`, width: bitmap.width, height: bitmap.height },
  };
}
