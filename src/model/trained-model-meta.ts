// The parts of an imported model.json that the app shows and trains from (its metrics and settings),
// checked field by field and rebuilt from the known fields only: a file that says "epochs": "many" is
// refused here, with where, instead of breaking the model list later; unknown keys are dropped.
import { IMPORT_LIMITS } from '../shared/import-limits.ts';
import { type Problem, type ProblemCode, ProblemError, problem } from '../shared/problem.ts';
import { MODEL_VARIANTS, type ModelVariant } from './model-variants.ts';
import type { EpochReport, TrainedMetrics, TrainSettings } from './trained-model.ts';

type Fields = Record<string, unknown>;

/** A model file that cannot be used; its Problem says what is wrong, its message the English detail. */
export class TrainedModelError extends ProblemError {
  override name = 'TrainedModelError';
}

export const refuseModel = (code: ProblemCode, detail: string, params?: Problem['params']): never => {
  throw new TrainedModelError(problem(code, detail, params));
};

const wrong = (where: string, what: string): never =>
  refuseModel('model.metaInvalid', `model.json: ${where} must be ${what}`, { where });

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fields(value: unknown, where: string): Fields {
  return isFields(value) ? value : wrong(where, 'an object');
}

function finite(value: unknown, where: string): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : wrong(where, 'a finite number');
}

function finiteOrNull(value: unknown, where: string): number | null {
  return value === null ? null : finite(value, where);
}

/** A non-empty name of at most maxNameLength characters. */
export function nameField(value: unknown, where: string): string {
  return typeof value === 'string' && value.length > 0 && value.length <= IMPORT_LIMITS.maxNameLength
    ? value
    : wrong(where, `text of 1…${IMPORT_LIMITS.maxNameLength} characters`);
}

/** Class names: 1…maxClasses distinct names. */
export function classesField(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.length)
    return refuseModel('model.noClasses', 'the model must name at least one class');
  if (value.length > IMPORT_LIMITS.maxClasses)
    refuseModel('model.tooManyClasses', `${value.length} classes, more than ${IMPORT_LIMITS.maxClasses}`, {
      max: IMPORT_LIMITS.maxClasses,
    });
  const names = value.map((name, i) => nameField(name, `${where}[${i}]`));
  if (new Set(names).size !== names.length) wrong(where, 'distinct names');
  return names;
}

function epochReport(value: unknown, i: number): EpochReport {
  const where = `metrics.epochs[${i}]`;
  const epoch = fields(value, where);
  return {
    epoch: finite(epoch.epoch, `${where}.epoch`),
    loss: finite(epoch.loss, `${where}.loss`),
    valLoss: finiteOrNull(epoch.valLoss, `${where}.valLoss`),
    valMAP50: finiteOrNull(epoch.valMAP50, `${where}.valMAP50`),
    ms: finite(epoch.ms, `${where}.ms`),
  };
}

export function metricsField(value: unknown): TrainedMetrics {
  const metrics = fields(value, 'metrics');
  if (!Array.isArray(metrics.epochs) || metrics.epochs.length > 100_000) wrong('metrics.epochs', 'a list of epochs');
  return {
    valMAP50: finiteOrNull(metrics.valMAP50, 'metrics.valMAP50'),
    stockValMAP50: finiteOrNull(metrics.stockValMAP50, 'metrics.stockValMAP50'),
    bestEpoch: finite(metrics.bestEpoch, 'metrics.bestEpoch'),
    epochs: (metrics.epochs as unknown[]).map(epochReport),
    trainImages: finite(metrics.trainImages, 'metrics.trainImages'),
    valImages: finite(metrics.valImages, 'metrics.valImages'),
    backend: nameField(metrics.backend, 'metrics.backend'),
    ms: finite(metrics.ms, 'metrics.ms'),
    featuresMs: finite(metrics.featuresMs, 'metrics.featuresMs'),
  };
}

export function settingsField(value: unknown): TrainSettings {
  const settings = fields(value, 'settings');
  if (!MODEL_VARIANTS.includes(settings.base as ModelVariant)) wrong('settings.base', MODEL_VARIANTS.join(', '));
  return {
    classes: classesField(settings.classes, 'settings.classes'),
    epochs: finite(settings.epochs, 'settings.epochs'),
    batchSize: finite(settings.batchSize, 'settings.batchSize'),
    learningRate: finite(settings.learningRate, 'settings.learningRate'),
    augmentCopies: finite(settings.augmentCopies, 'settings.augmentCopies'),
    patience: finite(settings.patience, 'settings.patience'),
    seed: finite(settings.seed, 'settings.seed'),
    base: settings.base as ModelVariant,
    ...(settings.viewCap === undefined ? {} : { viewCap: viewCapField(settings.viewCap) }),
    ...(settings.hidden === undefined ? {} : { hidden: finite(settings.hidden, 'settings.hidden') }),
  };
}

function viewCapField(value: unknown): NonNullable<TrainSettings['viewCap']> {
  const cap = fields(value, 'settings.viewCap');
  return {
    requestedViews: finite(cap.requestedViews, 'settings.viewCap.requestedViews'),
    trainPhotos: finite(cap.trainPhotos, 'settings.viewCap.trainPhotos'),
    valPhotos: finite(cap.valPhotos, 'settings.viewCap.valPhotos'),
  };
}

/** Weights a detector can run: every one a number, none absurdly large (which would only give NaN). */
export function checkWeightValues(weights: Float32Array): void {
  const limit = IMPORT_LIMITS.maxAbsWeight;
  for (let i = 0; i < weights.length; i++) {
    const value = weights[i] as number;
    if (!(Math.abs(value) <= limit))
      refuseModel('model.weightsNotFinite', `weight ${i} is ${value}, outside ±${limit}`);
  }
}
