// Per-device dataset settings, kept with the other settings: small, synchronous, and not part of the data.
import { defineSetting } from '../shared/settings.ts';
import { DEFAULT_MAX_SIDE } from './photo-size.ts';
import { DEFAULT_SPLIT, type SplitSettings } from './split.ts';

export interface DatasetSettings extends SplitSettings {
  /** Imported photos are downscaled to at most this many pixels on their longer side. */
  maxSide: number;
  /** Classes offered for boxes; the first is the default for new boxes. */
  classes: string[];
}

export const DEFAULT_CLASS = 'ball';
export const DEFAULT_SETTINGS: DatasetSettings = {
  ...DEFAULT_SPLIT,
  maxSide: DEFAULT_MAX_SIDE,
  classes: [DEFAULT_CLASS],
};

const isFiniteIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

/** Falls back field by field, so one bad value (an edited or older entry) does not reset the rest. */
function parseDatasetSettings(stored: unknown): DatasetSettings {
  const saved: Partial<Record<keyof DatasetSettings, unknown>> =
    stored && typeof stored === 'object' ? (stored as Partial<Record<keyof DatasetSettings, unknown>>) : {};
  const classes = Array.isArray(saved.classes)
    ? saved.classes.filter((c): c is string => typeof c === 'string' && c.trim() !== '')
    : [];
  return {
    seed: isFiniteIn(saved.seed, 0, 2 ** 31) ? Math.floor(saved.seed) : DEFAULT_SETTINGS.seed,
    valRatio: isFiniteIn(saved.valRatio, 0, 0.9) ? saved.valRatio : DEFAULT_SETTINGS.valRatio,
    maxSide: isFiniteIn(saved.maxSide, 160, 8192) ? Math.round(saved.maxSide) : DEFAULT_SETTINGS.maxSide,
    classes: classes.length ? [...new Set(classes)] : [...DEFAULT_SETTINGS.classes],
  };
}

export const datasetSettings = defineSetting<DatasetSettings>('dataset-settings', {
  version: 1,
  fallback: DEFAULT_SETTINGS,
  parse: parseDatasetSettings,
  legacyKey: 'tama-lab:dataset-settings',
});

export const loadDatasetSettings = (): DatasetSettings => datasetSettings.get();

export function saveDatasetSettings(settings: DatasetSettings): void {
  datasetSettings.set(settings);
}
