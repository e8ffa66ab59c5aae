import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor } from '@tensorflow/tfjs';
import { type BackendChoice, type BackendName, loadTf, selectBackend } from '../shared/backend/backends.ts';
import { trackLoad } from '../shared/page-loads.ts';
import { asNetworkProblem, ProblemError, problem } from '../shared/problem.ts';
import { createVerifier, cropFeatures, fetchVerifier, type Verifier } from './ball-verifier.ts';
import { COCO_CLASSES, SPORTS_BALL } from './coco-classes.ts';
import { decodeDetections } from './decode.ts';
import { loadGraphInSlices } from './float-weights.ts';
import type { Box, Detection } from './geometry.ts';
import { type GraphRunner, headsRunner, stockRunner, wholeGraphRunner } from './graph-runners.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, FULL_GRAPH_VARIANT, modelUrl } from './model-variants.ts';
import { trainedHeads } from './trained-heads.ts';
import { fetchTrainedModel, type TrainedModel } from './trained-model.ts';
import { VerificationMemory } from './verification-memory.ts';

/** The size COCO-SSD was trained at, and the only one its own post-processing (stock COCO) handles. */
export const FULL_INPUT_SIZE = 300;
// Only the best few anchors (by their best requested class) can become detections; reading all
// 1917×90 scores is what makes stock post-processing slow on GPU backends.
const CANDIDATES_PER_CLASS = 100;
/** New boxes the verifier looks at per video frame (each a crop through the backbone). */
const CROPS_PER_VIDEO_FRAME = 2;
/**
 * The verifier only vetoes: a box it calls a ball at least this surely keeps the heads' score; below,
 * the score shrinks in proportion. (The plain product lowered real balls too: the sample's recall fell
 * from 0.74 to 0.69 and a live test ball was lost; on datasets/real-val the veto keeps recall 0.37 and
 * takes precision from 0.69 to 0.75.)
 */
const VETO_BELOW = 0.5;
const veto = (probability: number) => Math.min(1, probability / VETO_BELOW);
/** What a box the verifier has not looked at yet counts as: no veto this frame. */
const UNDECIDED = VETO_BELOW;

type Tf = typeof tfTypes;

export type DetectorSource =
  | ImageBitmap
  | HTMLImageElement
  | HTMLVideoElement
  | HTMLCanvasElement
  | OffscreenCanvas
  | ImageData;

export interface DetectOptions {
  /** Minimum score, 0…1. Default 0.5. */
  threshold?: number;
  /** Side of the square the picture is scaled to; default the detector's own (see DetectorOptions). */
  inputSize?: number;
  /** Label names to report (default: the ball class), or 'all'. */
  classes?: readonly string[] | 'all';
  /** Boxes of one label overlapping more than this are merged by NMS. Default 0.5. */
  iouThreshold?: number;
  maxDetections?: number;
  /**
   * This picture is the next frame of a video: the verifier's judgements of the last few frames are
   * reused for boxes in the same place (verification-memory.ts).
   */
  videoFrame?: boolean;
}

export interface DetectorOptions {
  /** Backend to run on; without it the backend the app already selected is kept (or the best one picked). */
  backend?: BackendChoice;
  /**
   * 'default' (also when omitted) for the bundled ball model; 'coco' for stock COCO-SSD "sports ball";
   * a fine-tuned model (from [Training]); or the URL of a model.json, either a graph like COCO-SSD's or
   * a fine-tuned model's (with its weights.bin next to it).
   */
  model?: 'default' | 'coco' | string | TrainedModel;
  /** Download progress of the weights, 0…1. */
  onProgress?: (fraction: number) => void;
  /**
   * Side of the square the picture is scaled to (default 300). Smaller is faster — a 224 input has 56 %
   * of the work — and sees small balls worse; the live view trades that off. Stock COCO always uses 300.
   */
  inputSize?: number;
  /**
   * The second look at each box (ball-verifier.ts) where the model has one: the default model, a model
   * folder with a verifier.json, or a fine-tune whose one class is "ball". On unless false.
   */
  verifier?: boolean;
}

export interface Detector {
  readonly backend: BackendName;
  readonly inputSize: number;
  /** Whether each box gets the verifier's second look (a box it doubts loses score). */
  readonly verified: boolean;
  /** Label of each score column; null for unused columns. */
  readonly labels: readonly (string | null)[];
  detect(source: DetectorSource, options?: DetectOptions): Promise<Detection[]>;
  /**
   * The verifier's description of each box's surroundings ([boxes × VERIFIER_FEATURES], row-major):
   * what `npm run train:default` trains the verifier on. A fine-tuned model's detector only.
   */
  describeBoxes(source: DetectorSource, boxes: readonly Box[]): Promise<Float32Array>;
  dispose(): void;
}

export function sourceSize(source: DetectorSource): { width: number; height: number } {
  if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

async function loadGraph(tf: Tf, url: string, onProgress?: (fraction: number) => void): Promise<GraphModel> {
  // Offline, a weight variant that was never downloaded fails here with the browser's "Failed to fetch".
  // An update's handover waits for the page's own downloads (page-loads.ts).
  return trackLoad(loadGraphInSlices(tf, url, onProgress)).catch((error: unknown) => {
    throw asNetworkProblem(error, url);
  });
}

/**
 * The model's own verifier.json beside its model.json, or else, for a model whose one class is "ball"
 * (a student's fine-tune of the default model), the default model's: it knows balls from look-alikes.
 */
async function verifierFor(choice: DetectorOptions['model'], trained: TrainedModel) {
  const own = choice === 'default' ? ballModelUrl() : typeof choice === 'string' ? choice : undefined;
  const weights = own ? await fetchVerifier(own) : undefined;
  const ballOnly = trained.meta.classes.length === 1 && trained.meta.classes[0] === 'ball';
  return weights ?? (ballOnly && own !== ballModelUrl() ? await fetchVerifier(ballModelUrl()) : undefined);
}

export async function createDetector(options: DetectorOptions = {}): Promise<Detector> {
  const tf = await loadTf();
  const backend =
    options.backend || !tf.getBackend()
      ? (await selectBackend(options.backend ?? 'auto')).active
      : (tf.getBackend() as BackendName);
  const choice = options.model ?? 'default';
  const trained =
    typeof choice === 'object'
      ? choice
      : choice === 'coco'
        ? undefined
        : await fetchTrainedModel(choice === 'default' ? ballModelUrl() : choice, true);
  // The bundled ball heads run on the default variant, whichever precision they were trained on: they
  // hold their mAP there (README, "The bundled COCO-SSD"); a user's model runs on its own base.
  const base = choice === 'default' ? DEFAULT_MODEL_VARIANT : trained?.meta.base;
  const url = base ? modelUrl(base) : choice === 'coco' ? modelUrl() : (choice as string);
  const model = await loadGraph(tf, url, options.onProgress);
  let runner = trained
    ? headsRunner(tf, model, trainedHeads(tf, trained), trained.meta.classes)
    : stockRunner(tf, model);
  const verifierWeights = options.verifier === false || !trained ? undefined : await verifierFor(choice, trained);
  const verifier: Verifier | undefined = verifierWeights && createVerifier(tf, model, verifierWeights);
  const videoMemory = new VerificationMemory();
  const defaultClasses = trained ? trained.meta.classes : [SPORTS_BALL];
  // Stock COCO stays at the size it was trained and is compared at.
  const inputSize = trained ? (options.inputSize ?? FULL_INPUT_SIZE) : FULL_INPUT_SIZE;
  let disposed = false;

  /**
   * Stock COCO on the pruned default graph knows only "sports ball": asked for any other COCO class,
   * it loads the whole graph (FULL_GRAPH_VARIANT) once and keeps using it.
   */
  let wholeGraph: Promise<void> | undefined;
  function ensureClasses(classes: DetectOptions['classes']): Promise<void> | undefined {
    if (trained || runner.labels === COCO_CLASSES) return;
    const others =
      classes === 'all' || (classes ?? []).some((label) => label !== SPORTS_BALL && COCO_CLASSES.includes(label));
    if (!others) return;
    wholeGraph ??= loadGraph(tf, modelUrl(FULL_GRAPH_VARIANT)).then(async (model) => {
      const whole = wholeGraphRunner(tf, model);
      await warmUp(whole);
      if (disposed) return whole.dispose();
      runner.dispose();
      runner = whole;
    });
    // Failed (offline, say): the next call tries again.
    wholeGraph.catch(() => {
      wholeGraph = undefined;
    });
    return wholeGraph;
  }

  function columnsFor(classes: DetectOptions['classes']): number[] {
    const { labels } = runner;
    const wanted =
      classes === 'all' ? labels.filter((label): label is string => label !== null) : (classes ?? defaultClasses);
    return wanted.map((label) => {
      const column = labels.indexOf(label);
      if (column < 0) throw new ProblemError(problem('model.noClass', `the model has no class "${label}"`, { label }));
      return column;
    });
  }

  /** Runs the graph and keeps the top anchors' scores [k, columns] and boxes [k, 4] — all on the device. */
  function pixelsOf(source: DetectorSource): Tensor {
    // fromPixels draws canvases with drawImage, which takes an OffscreenCanvas too; its types lag behind.
    const image = source as Exclude<DetectorSource, OffscreenCanvas>;
    try {
      return tf.browser.fromPixels(image);
    } catch (error) {
      // WebGPU imports a video frame as an external texture, which some drivers refuse ("Failed to import
      // texture from video", SwiftShader among them); copying the frame through a canvas always works.
      if (tf.getBackend() !== 'webgpu' || !tf.env().getBool('WEBGPU_IMPORT_EXTERNAL_TEXTURE')) throw error;
      tf.env().set('WEBGPU_IMPORT_EXTERNAL_TEXTURE', false);
      return tf.browser.fromPixels(image);
    }
  }

  function inferTopCandidates(
    graph: GraphRunner,
    source: DetectorSource | Tensor,
    columns: number[],
    size: number,
  ): [Tensor, Tensor] {
    const input = tf.tidy(() => {
      const pixels = source instanceof tf.Tensor ? source : pixelsOf(source);
      const resized = tf.image.resizeBilinear(pixels as Parameters<typeof tf.image.resizeBilinear>[0], [size, size]);
      return resized.div(127.5).sub(1).expandDims(0);
    });
    // execute(), not executeAsync(): without the preprocessor's while-loop the graph has no control
    // flow, and the few shape tensors it reads are CPU-resident on every backend.
    let outputs: [Tensor, Tensor];
    try {
      outputs = graph.run(input);
    } finally {
      input.dispose();
    }
    try {
      return tf.tidy(() => {
        const [scores, boxes] = outputs;
        const anchorCount = scores.shape[0] as number;
        const classScores = tf.gather(scores, columns, 1);
        // WebGL runs small top-k's on the CPU after a synchronous read, which stalls a real GPU for a frame;
        // the few kB of all anchors' scores are cheaper to read asynchronously as they are.
        if (tf.getBackend() === 'webgl') return [classScores, boxes.clone()] as [Tensor, Tensor];
        const best = classScores.max(1);
        const top = tf.topk(best, Math.min(CANDIDATES_PER_CLASS * columns.length, anchorCount));
        return [tf.gather(classScores, top.indices), tf.gather(boxes, top.indices)] as [Tensor, Tensor];
      });
    } finally {
      tf.dispose(outputs);
    }
  }

  // Warm-up: on a GPU the first run compiles shaders (seconds on a phone); pay for it here, not on the
  // first camera frame. WASM and the CPU compile nothing: their warm-up would only be one whole
  // detection blocking the page as it opens (~130 ms here, ~0.5 s on a mid-range phone).
  async function warmUp(graph: GraphRunner): Promise<void> {
    if (backend === 'wasm' || backend === 'cpu') return;
    const blank = tf.zeros([inputSize, inputSize, 3], 'int32');
    const outputs = inferTopCandidates(graph, blank, [0], inputSize);
    await Promise.all(outputs.map((tensor) => tensor.data()));
    tf.dispose([blank, ...outputs]);
  }

  /** Each box's score after the verifier's veto (VETO_BELOW); boxes then under the threshold go. */
  async function secondLook(
    verifier: Verifier,
    source: DetectorSource,
    detections: Detection[],
    threshold: number,
    videoFrame: boolean,
  ): Promise<Detection[]> {
    const memory = videoFrame ? videoMemory : undefined;
    memory?.nextFrame();
    if (detections.length === 0) return detections;
    // In a video only the strongest few new boxes get a crop per frame; the rest count as undecided
    // (UNDECIDED) this frame and are judged in the next ones, which keeps the frame rate up.
    const remembered = detections.map((detection) => memory?.recall(detection.box));
    const unjudged = detections.filter((_, i) => remembered[i] === undefined).map((detection) => detection.box);
    const fresh = memory ? unjudged.slice(0, CROPS_PER_VIDEO_FRAME) : unjudged;
    for (const [i, detection] of detections.entries())
      if (remembered[i] === undefined && !fresh.includes(detection.box)) remembered[i] = UNDECIDED;
    let judged: ArrayLike<number> = [];
    if (fresh.length > 0) {
      const pixels = pixelsOf(source);
      try {
        judged = await verifier.probabilities(pixels, fresh, sourceSize(source));
      } finally {
        pixels.dispose();
      }
      for (const [i, box] of fresh.entries()) memory?.remember(box, judged[i] as number);
    }
    let next = 0;
    const probabilities = remembered.map((probability) => probability ?? (judged[next++] as number));
    return detections
      .map((detection, i) => ({ ...detection, score: detection.score * veto(probabilities[i] as number) }))
      .filter((detection) => detection.score >= threshold)
      .sort((a, b) => b.score - a.score);
  }

  const detector: Detector = {
    backend,
    inputSize,
    verified: verifier !== undefined,
    get labels() {
      return runner.labels;
    },
    async detect(source, detectOptions = {}) {
      if (disposed) throw new Error('detector was disposed');
      const { threshold = 0.5, iouThreshold = 0.5, maxDetections = 20 } = detectOptions;
      await ensureClasses(detectOptions.classes);
      const columns = columnsFor(detectOptions.classes);
      const { width, height } = sourceSize(source);
      if (!width || !height) throw new ProblemError(problem('image.notReady', 'the image has no pixels yet'));
      const size = trained ? (detectOptions.inputSize ?? inputSize) : FULL_INPUT_SIZE;
      const [scoresTensor, boxesTensor] = inferTopCandidates(runner, source, columns, size);
      try {
        const [scores, boxes] = await Promise.all([scoresTensor.data(), boxesTensor.data()]);
        const { labels } = runner;
        const detections = decodeDetections(scores, boxes, {
          labels: columns.map((column) => labels[column] ?? null),
          threshold,
          width,
          height,
          iouThreshold,
          maxDetections,
        });
        return verifier
          ? await secondLook(verifier, source, detections, threshold, detectOptions.videoFrame === true)
          : detections;
      } finally {
        tf.dispose([scoresTensor, boxesTensor]);
      }
    },
    async describeBoxes(source, boxes) {
      if (disposed) throw new Error('detector was disposed');
      if (!trained) throw new Error('only a fine-tuned model describes boxes');
      if (boxes.length === 0) return new Float32Array(0);
      const features = tf.tidy(() => cropFeatures(tf, model, pixelsOf(source), boxes, sourceSize(source)));
      try {
        return (await features.data()) as Float32Array;
      } finally {
        features.dispose();
      }
    },
    dispose() {
      disposed = true;
      runner.dispose();
      verifier?.dispose();
    },
  };

  await warmUp(runner);
  return detector;
}
