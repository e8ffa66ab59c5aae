// The bundled COCO-SSD comes in four weight variants, made at install time by scripts/fetch-assets.mjs.
// f32, f16 and u8 are the whole graph (90 classes) in one precision; u8f16 is only what the app's own
// heads read (no 90-class layers, no post-processor), its deep 1×1 kernels in uint8 and the rest in
// float16: 4.0 MB instead of f16's 9.2 MB, within a point of float32's mAP on every eval set, where u8
// loses up to 30 points (README, "The bundled COCO-SSD"). So u8f16 is the default and the only one
// precached; the others load on demand (and are then cached) when chosen.
import { appUrl } from '../shared/app-url.ts';

export const MODEL_VARIANTS = ['u8f16', 'f16', 'f32', 'u8'] as const;
export type ModelVariant = (typeof MODEL_VARIANTS)[number];
export const DEFAULT_MODEL_VARIANT: ModelVariant = 'u8f16';
/**
 * The smallest variant that holds the whole graph: what stock COCO loads for classes other than
 * "sports ball", and what @tensorflow-models/coco-ssd itself can run.
 */
export const FULL_GRAPH_VARIANT: ModelVariant = 'f16';

export function modelFolder(variant: ModelVariant = DEFAULT_MODEL_VARIANT): string {
  return `models/coco-ssd-${variant}`;
}

/** model.json of a variant, under the app's base URL (produced at install time, see scripts/fetch-assets.mjs). */
export function modelUrl(variant: ModelVariant = DEFAULT_MODEL_VARIANT): string {
  return appUrl(`${modelFolder(variant)}/model.json`);
}

/**
 * The app's default detector: heads trained for real-world balls on procedural scenes (`npm run
 * train:default`, committed as a small artifact, see public/models/ball/), run on the default variant.
 */
export const BALL_MODEL_FOLDER = 'models/ball';

export function ballModelUrl(): string {
  return appUrl(`${BALL_MODEL_FOLDER}/model.json`);
}

/** What a detector runs: the default ball model, stock COCO-SSD "sports ball", or another model.json. */
export type ModelChoice = 'default' | 'coco';

/**
 * The live view's default score threshold (and what `detect`/`eval` use without --threshold). The ball
 * model's scores run lower than stock COCO's: on the procedural val set it keeps precision 1.0 down to
 * 0.25, with recall 0.49 at 0.5 and 0.74 at 0.3 (see README, "The default ball model").
 */
export const DEFAULT_THRESHOLD = 0.3;
