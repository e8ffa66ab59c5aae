// The bundled COCO-SSD comes in three weight precisions, made at install time by
// scripts/fetch-assets.mjs. Measured on 200 procedural ball images (WASM): float32 and float16 both
// reach mAP@0.5 = 0.812, uint8 drops to 0.649. So float16 — half the download — is the default and
// the only one precached; the others load on demand (and are then cached) when chosen.
import { appUrl } from '../shared/app-url.ts';

export const MODEL_VARIANTS = ['f16', 'f32', 'u8'] as const;
export type ModelVariant = (typeof MODEL_VARIANTS)[number];
export const DEFAULT_MODEL_VARIANT: ModelVariant = 'f16';

export function modelFolder(variant: ModelVariant = DEFAULT_MODEL_VARIANT): string {
  return `models/coco-ssd-${variant}`;
}

/** model.json of a variant, under the app's base URL (produced at install time, see scripts/fetch-assets.mjs). */
export function modelUrl(variant: ModelVariant = DEFAULT_MODEL_VARIANT): string {
  return appUrl(`${modelFolder(variant)}/model.json`);
}

/**
 * The app's default detector: the float16 COCO-SSD backbone with heads trained for real-world balls on
 * procedural scenes (`npm run train:default`, committed as a small artifact, see public/models/ball/).
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
