// A fine-tuned detector as files: model.json (what it detects, how it was trained, how well it did,
// and the weight layout) + weights.bin (float32 little-endian). The frozen backbone is not copied:
// `base` names the bundled COCO-SSD variant it runs on. Anything that does not fit is refused with
// a message saying what is wrong, before a tensor is made.
import { trackLoad } from '../shared/page-loads.ts';
import { asNetworkProblem, ProblemError, problem } from '../shared/problem.ts';
import { parseDataJson } from '../shared/safe-json.ts';
import { MODEL_VARIANTS, type ModelVariant } from './model-variants.ts';
import { headWeightNames, LEVELS, MAX_HIDDEN } from './ssd-heads.ts';
import {
  checkWeightValues,
  classesField,
  metricsField,
  nameField,
  refuseModel as refuse,
  settingsField,
  TrainedModelError,
} from './trained-model-meta.ts';

export { TrainedModelError };

export const TRAINED_FORMAT = 'tama-lab-ssd-heads';
const VERSION = 1;

export interface TrainSettings {
  classes: string[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Views per training photo: the photo itself plus random flips, zooms, light changes and blur. */
  augmentCopies: number;
  /** Stop after this many epochs without a better validation mAP. */
  patience: number;
  seed: number;
  base: ModelVariant;
  /**
   * Set when the device's memory budget for cached views made the run use less than asked for: the
   * views per photo asked for (`augmentCopies` is what ran) and the photos there were (the metrics'
   * counts are those used, a seeded sample).
   */
  viewCap?: { requestedViews: number; trainPhotos: number; valPhotos: number };
  /** Width of a hidden path added to the class heads when training starts from the graph (default model recipe). */
  hidden?: number;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  valLoss: number | null;
  valMAP50: number | null;
  ms: number;
}

export interface TrainedMetrics {
  /** Validation mAP@0.5 of the kept (best) epoch. */
  valMAP50: number | null;
  /** The same measurement for the untouched COCO "sports ball" heads (epoch 0). */
  stockValMAP50: number | null;
  bestEpoch: number;
  epochs: EpochReport[];
  trainImages: number;
  valImages: number;
  backend: string;
  /** Whole run, and the part spent running the frozen backbone on every view. */
  ms: number;
  featuresMs: number;
  /** Set on a model kept from a run that was interrupted (reload, closed tab, crash): its last finished epoch. */
  stoppedAtEpoch?: number;
}

export interface TrainedModelMeta {
  format: typeof TRAINED_FORMAT;
  version: typeof VERSION;
  id: string;
  name: string;
  base: ModelVariant;
  classes: string[];
  createdAt: number;
  metrics: TrainedMetrics;
  settings: TrainSettings;
  weights: { name: string; shape: number[] }[];
}

export interface TrainedModel {
  meta: TrainedModelMeta;
  /** Every weight of `meta.weights`, in order, back to back. */
  weights: Float32Array;
}

/** The shape each head weight must have for `classCount` classes and a hidden path of width `hidden` (0: none). */
export function expectedShapes(classCount: number, hidden = 0): { name: string; shape: number[] }[] {
  const names = headWeightNames(hidden);
  const columns = 1 + classCount;
  const linear = LEVELS.flatMap(({ channels, anchors }) => [
    [channels, anchors * 4],
    [anchors * 4],
    [channels, anchors * columns],
    [anchors * columns],
  ]);
  const hiddenPath = hidden
    ? LEVELS.flatMap(({ channels, anchors }) => [[channels, hidden], [hidden], [hidden, anchors * columns]])
    : [];
  return [...linear, ...hiddenPath].map((shape, i) => ({ name: names[i] as string, shape }));
}

export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const floatCount = (shapes: readonly { shape: number[] }[]) => shapes.reduce((sum, { shape }) => sum + size(shape), 0);

/**
 * The hidden width that `floats` numbers of weights imply for `classCount` classes: 0 for the linear
 * heads alone, undefined when no width gives exactly that many.
 */
export function hiddenWidthFor(classCount: number, floats: number): number | undefined {
  const linear = floatCount(expectedShapes(classCount));
  if (floats === linear) return 0;
  const perUnit = floatCount(expectedShapes(classCount, 1)) - linear;
  const hidden = (floats - linear) / perUnit;
  return Number.isInteger(hidden) && hidden >= 1 && hidden <= MAX_HIDDEN ? hidden : undefined;
}

/** Checks everything a detector relies on; throws TrainedModelError naming the first problem. */
export function validateTrainedModel(meta: unknown, weightBytes: number): TrainedModelMeta {
  if (typeof meta !== 'object' || meta === null) return refuse('model.notTamaLab', 'model.json is not a JSON object');
  const m = meta as Partial<TrainedModelMeta>;
  if (m.format !== TRAINED_FORMAT)
    return refuse('model.notTamaLab', `not a Tama Lab model (format is ${JSON.stringify(m.format)})`);
  if (m.version !== VERSION)
    return refuse('model.version', `model version ${m.version} is not supported (this app reads ${VERSION})`, {
      version: String(m.version),
      supported: VERSION,
    });
  if (!MODEL_VARIANTS.includes(m.base as ModelVariant))
    return refuse('model.base', `unknown base model ${JSON.stringify(m.base)}`, { base: String(m.base) });
  const classes = classesField(m.classes, 'classes');
  const weights = Array.isArray(m.weights) ? m.weights : [];
  // The width of a hidden path follows from the size; a size no width fits is refused below, after the
  // layout the file declares has been checked (that message says more).
  const declaredHidden = Number(weights[LEVELS.length * 4]?.shape?.[1] ?? 0);
  const hidden = hiddenWidthFor(classes.length, weightBytes / 4) ?? declaredHidden;
  const expected = expectedShapes(classes.length, hidden);
  expected.forEach(({ name, shape }, i) => {
    const found = weights[i];
    if (found?.name !== name || JSON.stringify(found.shape) !== JSON.stringify(shape))
      refuse(
        'model.weightsLayout',
        `weight ${i + 1} should be ${name} ${JSON.stringify(shape)}, found ${found?.name ?? 'nothing'} ${JSON.stringify(found?.shape)}`,
      );
  });
  const floats = floatCount(expected);
  if (weightBytes !== floats * 4)
    refuse('model.weightsSize', `weights.bin has ${weightBytes} bytes; ${classes.length} classes need ${floats * 4}`);
  // Rebuilt from the known fields only, each checked: nothing else of the file reaches the store.
  return {
    format: TRAINED_FORMAT,
    version: VERSION,
    id: nameField(m.id, 'id'),
    name: typeof m.name === 'string' && m.name ? nameField(m.name, 'name') : 'model',
    base: m.base as ModelVariant,
    classes,
    createdAt: typeof m.createdAt === 'number' && Number.isFinite(m.createdAt) ? m.createdAt : 0,
    metrics: metricsField(m.metrics),
    settings: settingsField(m.settings),
    weights: expected,
  };
}

export function parseTrainedModel(json: string, bin: ArrayBuffer): TrainedModel {
  const meta = parseDataJson(
    json,
    'model.json',
    (why) => new TrainedModelError(problem('model.jsonInvalid', `model.json is not valid JSON (${why})`)),
  );
  const checked = validateTrainedModel(meta, bin.byteLength);
  const weights = new Float32Array(bin.slice(0));
  checkWeightValues(weights);
  return { meta: checked, weights };
}

export function trainedModelFiles(model: TrainedModel): { 'model.json': string; 'weights.bin': Uint8Array } {
  return {
    'model.json': JSON.stringify(model.meta, null, 1),
    'weights.bin': new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength),
  };
}

/** The model a finished run produced, ready to store, export or load into a detector. */
export function buildTrainedModel(
  outcome: { weights: Float32Array; metrics: TrainedMetrics },
  settings: TrainSettings,
  name: string,
): TrainedModel {
  return {
    meta: {
      format: TRAINED_FORMAT,
      version: VERSION,
      id: crypto.randomUUID(),
      name,
      base: settings.base,
      classes: settings.classes,
      createdAt: Date.now(),
      metrics: outcome.metrics,
      settings,
      weights: expectedShapes(
        settings.classes.length,
        hiddenWidthFor(settings.classes.length, outcome.weights.length) ?? 0,
      ),
    },
    weights: outcome.weights,
  };
}

/** The fine-tuned model whose model.json is at `url` (its weights.bin beside it), e.g. the default ball model. */
export async function fetchTrainedModel(url: string): Promise<TrainedModel>;
/** With `orGraph`, a model.json that is a plain graph (like COCO-SSD's) gives undefined, not an error. */
export async function fetchTrainedModel(url: string, orGraph: true): Promise<TrainedModel | undefined>;
export function fetchTrainedModel(url: string, orGraph = false): Promise<TrainedModel | undefined> {
  // An update's handover waits for the page's own downloads (page-loads.ts).
  return trackLoad(downloadTrainedModel(url, orGraph));
}

async function downloadTrainedModel(url: string, orGraph: boolean): Promise<TrainedModel | undefined> {
  const response = await download(url);
  const json = await response.text();
  if (orGraph && !json.includes(TRAINED_FORMAT)) return undefined;
  const weights = await download(new URL('weights.bin', new URL(url, globalThis.location?.href)).href);
  return parseTrainedModel(json, await weights.arrayBuffer());
}

/** fetch() whose failures are Problems: no network, or the server's HTTP status. */
async function download(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw asNetworkProblem(error, url);
  }
  if (!response.ok)
    throw new ProblemError(problem('network.http', `${url}: HTTP ${response.status}`, { status: response.status }));
  return response;
}
