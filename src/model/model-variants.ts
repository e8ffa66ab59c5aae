// The bundled COCO-SSD comes in three weight precisions, made at install time by
// scripts/fetch-assets.mjs. Measured on 200 procedural ball images (WASM): float32 and float16 both
// reach mAP@0.5 = 0.812, uint8 drops to 0.649. So float16 — half the download — is the default and
// the only one precached; the others load on demand (and are then cached) when chosen.
export const MODEL_VARIANTS = ['f16', 'f32', 'u8'] as const;
export type ModelVariant = (typeof MODEL_VARIANTS)[number];
export const DEFAULT_MODEL_VARIANT: ModelVariant = 'f16';

export function modelFolder(variant: ModelVariant = DEFAULT_MODEL_VARIANT): string {
  return `models/coco-ssd-${variant}`;
}

/** model.json of a variant, under the app's base URL (produced at install time, see scripts/fetch-assets.mjs). */
export function modelUrl(variant: ModelVariant = DEFAULT_MODEL_VARIANT): string {
  return `${import.meta.env?.BASE_URL ?? '/'}${modelFolder(variant)}/model.json`;
}
