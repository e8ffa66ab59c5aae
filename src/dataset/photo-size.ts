/**
 * The longest side, in pixels, a photo is stored with unless the dataset settings say otherwise. Its
 * own module, so the settings (read as pages open) need none of the importer's code.
 */
export const DEFAULT_MAX_SIDE = 1280;
