import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor, Tensor2D } from '@tensorflow/tfjs';
import { type BackendChoice, type BackendName, loadTf, selectBackend } from '../shared/backend/backends.ts';
import { trackLoad } from '../shared/page-loads.ts';
import { asNetworkProblem, ProblemError, problem } from '../shared/problem.ts';
import { generateAnchors } from './anchors.ts';
import { COCO_CLASSES, SPORTS_BALL } from './coco-classes.ts';
import { decodeDetections } from './decode.ts';
import type { Detection } from './geometry.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, FULL_GRAPH_VARIANT, modelUrl } from './model-variants.ts';
import {
  ACTIVATION_NODES,
  decodeBoxes,
  headsFromGraph,
  isWholeCocoGraph,
  type LevelHeads,
  runHeads,
} from './ssd-heads.ts';
import { trainedHeads } from './trained-heads.ts';
import { fetchTrainedModel, type TrainedModel } from './trained-model.ts';

// The graph's own preprocessor resizes inside a TensorArray while-loop, which forces executeAsync and
// is slow on GPUs. We resize on the device ourselves and feed the node right after that loop instead.
const INPUT_NODE = 'Preprocessor/sub';
const SCORES_NODE = 'Postprocessor/Slice'; // [1, anchors, 90] sigmoid scores, background removed
const BOXES_NODE = 'Postprocessor/ExpandDims_1'; // [1, anchors, 1, 4] decoded [ymin, xmin, ymax, xmax]
/** The size COCO-SSD was trained at, and the only one its own post-processing (stock COCO) handles. */
export const FULL_INPUT_SIZE = 300;
// Only the best few anchors (by their best requested class) can become detections; reading all
// 1917×90 scores is what makes stock post-processing slow on GPU backends.
const CANDIDATES_PER_CLASS = 100;

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
}

export interface Detector {
  readonly backend: BackendName;
  readonly inputSize: number;
  /** Label of each score column; null for unused columns. */
  readonly labels: readonly (string | null)[];
  detect(source: DetectorSource, options?: DetectOptions): Promise<Detection[]>;
  dispose(): void;
}

export function sourceSize(source: DetectorSource): { width: number; height: number } {
  if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

/** Turns one preprocessed input [1, size, size, 3] into scores [anchors, columns] and corners [anchors, 4]. */
interface GraphRunner {
  /** Label of each score column; null for unused columns. */
  readonly labels: readonly (string | null)[];
  run(input: Tensor): [Tensor, Tensor];
  dispose(): void;
}

/** The whole COCO-SSD graph with its own post-processing: all 90 classes. */
function wholeGraphRunner(tf: Tf, model: GraphModel): GraphRunner {
  return {
    labels: COCO_CLASSES,
    run(input) {
      const outputs = model.execute({ [INPUT_NODE]: input }, [SCORES_NODE, BOXES_NODE]) as Tensor[];
      const [scores, boxes] = outputs as [Tensor, Tensor];
      const count = scores.shape[1] as number;
      const reshaped = tf.tidy(() => [scores.reshape([count, -1]), boxes.reshape([count, 4])] as [Tensor, Tensor]);
      tf.dispose(outputs);
      return reshaped;
    },
    dispose: () => model.dispose(),
  };
}

/** The graph up to the box-predictor activations, then our own 1×1 heads (trained, or COCO's own columns). */
function headsRunner(tf: Tf, model: GraphModel, heads: LevelHeads[], labels: readonly string[]): GraphRunner {
  // Anchors per input size, made when a size is first used (live video and photos may differ).
  const anchorsBySize = new Map<number, Tensor2D>();
  const anchorsFor = (size: number): Tensor2D => {
    let anchors = anchorsBySize.get(size);
    if (!anchors) {
      const corners = generateAnchors(size);
      // Made inside the frame's tidy, kept for the detector's lifetime.
      anchors = tf.keep(tf.tensor2d(corners, [corners.length / 4, 4]));
      anchorsBySize.set(size, anchors);
    }
    return anchors;
  };
  return {
    labels,
    run(input) {
      const activations = model.execute({ [INPUT_NODE]: input }, [...ACTIVATION_NODES]) as Tensor[];
      try {
        return tf.tidy(() => {
          const { encodings, logits } = runHeads(tf, activations, heads, labels.length);
          const count = logits.shape[1] as number;
          // Column 0 is background; the rest are the classes, each its own sigmoid as in COCO-SSD.
          const scores = tf.sigmoid(logits.slice([0, 0, 1], [-1, -1, -1])).reshape([count, -1]);
          const anchors = anchorsFor(input.shape[1] as number);
          return [scores, decodeBoxes(tf, anchors, encodings).reshape([count, 4])] as [Tensor, Tensor];
        });
      } finally {
        tf.dispose(activations);
      }
    },
    dispose() {
      model.dispose();
      tf.dispose([...heads.flatMap((head) => Object.values(head)), ...anchorsBySize.values()]);
    },
  };
}

async function loadGraph(tf: Tf, url: string, onProgress?: (fraction: number) => void): Promise<GraphModel> {
  // Offline, a weight variant that was never downloaded fails here with the browser's "Failed to fetch".
  // An update's handover waits for the page's own downloads (page-loads.ts).
  return trackLoad(tf.loadGraphModel(url, onProgress ? { onProgress } : {})).catch((error: unknown) => {
    throw asNetworkProblem(error, url);
  });
}

/**
 * Stock COCO on a graph: the whole graph when it has all classes; on the pruned default variant, COCO's
 * own "sports ball" column as heads, which gives the same scores without the 90-class layers.
 */
function stockRunner(tf: Tf, model: GraphModel): GraphRunner {
  return isWholeCocoGraph(model)
    ? wholeGraphRunner(tf, model)
    : headsRunner(tf, model, headsFromGraph(tf, model, 1), [SPORTS_BALL]);
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

  // Warm-up: the first run compiles shaders / kernels; pay for it here, not on the first camera frame.
  async function warmUp(graph: GraphRunner): Promise<void> {
    const blank = tf.zeros([inputSize, inputSize, 3], 'int32');
    const outputs = inferTopCandidates(graph, blank, [0], inputSize);
    await Promise.all(outputs.map((tensor) => tensor.data()));
    tf.dispose([blank, ...outputs]);
  }

  const detector: Detector = {
    backend,
    inputSize,
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
        return decodeDetections(scores, boxes, {
          labels: columns.map((column) => labels[column] ?? null),
          threshold,
          width,
          height,
          iouThreshold,
          maxDetections,
        });
      } finally {
        tf.dispose([scoresTensor, boxesTensor]);
      }
    },
    dispose() {
      disposed = true;
      runner.dispose();
    },
  };

  await warmUp(runner);
  return detector;
}
