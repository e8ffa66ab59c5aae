import type { GraphModel, Tensor } from '@tensorflow/tfjs';
import { type BackendChoice, type BackendName, loadTf, selectBackend } from '../../shared/backend/backends.ts';
import { COCO_CLASSES, SPORTS_BALL } from './coco-classes.ts';
import { type Detection, nonMaxSuppression, toSourceBox } from './geometry.ts';
import { modelUrl } from './model-variants.ts';

// The graph's own preprocessor resizes inside a TensorArray while-loop, which forces executeAsync and
// is slow on GPUs. We resize on the device ourselves and feed the node right after that loop instead.
const INPUT_NODE = 'Preprocessor/sub';
const SCORES_NODE = 'Postprocessor/Slice'; // [1, anchors, 90] sigmoid scores, background removed
const BOXES_NODE = 'Postprocessor/ExpandDims_1'; // [1, anchors, 1, 4] decoded [ymin, xmin, ymax, xmax]
const INPUT_SIZE = 300;
// Per class, only the best few anchors can become detections; reading all 1917×90 scores is what
// makes stock post-processing slow on GPU backends.
const CANDIDATES_PER_CLASS = 100;

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
  /** Label names to report (default: the ball class), or 'all'. */
  classes?: readonly string[] | 'all';
  /** Boxes of one label overlapping more than this are merged by NMS. Default 0.5. */
  iouThreshold?: number;
  maxDetections?: number;
}

export interface DetectorOptions {
  /** Backend to run on; without it the backend the app already selected is kept (or the best one picked). */
  backend?: BackendChoice;
  /** 'coco' for the bundled COCO-SSD, or the URL of another model.json with the same graph. */
  model?: 'coco' | string;
  /** Download progress of the weights, 0…1. */
  onProgress?: (fraction: number) => void;
}

export interface Detector {
  readonly backend: BackendName;
  /** Label of each score column; null for unused columns. */
  readonly labels: readonly (string | null)[];
  detect(source: DetectorSource, options?: DetectOptions): Promise<Detection[]>;
  dispose(): void;
}

function sourceSize(source: DetectorSource): { width: number; height: number } {
  if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

export async function createDetector(options: DetectorOptions = {}): Promise<Detector> {
  const tf = await loadTf();
  const backend =
    options.backend || !tf.getBackend()
      ? (await selectBackend(options.backend ?? 'auto')).active
      : (tf.getBackend() as BackendName);
  const url = !options.model || options.model === 'coco' ? modelUrl() : options.model;
  const model: GraphModel = await tf.loadGraphModel(url, options.onProgress ? { onProgress: options.onProgress } : {});
  const labels = COCO_CLASSES;
  let disposed = false;

  function columnsFor(classes: DetectOptions['classes']): number[] {
    const wanted =
      classes === 'all' ? labels.filter((label): label is string => label !== null) : (classes ?? [SPORTS_BALL]);
    return wanted.map((label) => {
      const column = labels.indexOf(label);
      if (column < 0) throw new Error(`the model has no class "${label}"`);
      return column;
    });
  }

  /** Runs the graph and keeps, per requested class, the top anchors with their boxes — all on the device. */
  async function inferTopCandidates(source: DetectorSource | Tensor, columns: number[]): Promise<[Tensor, Tensor]> {
    const input = tf.tidy(() => {
      // fromPixels draws canvases with drawImage, which takes an OffscreenCanvas too; its types lag behind.
      const pixels =
        source instanceof tf.Tensor
          ? source
          : tf.browser.fromPixels(source as Exclude<DetectorSource, OffscreenCanvas>);
      const resized = tf.image.resizeBilinear(pixels as Parameters<typeof tf.image.resizeBilinear>[0], [
        INPUT_SIZE,
        INPUT_SIZE,
      ]);
      return resized.div(127.5).sub(1).expandDims(0);
    });
    // execute(), not executeAsync(): without the preprocessor's while-loop the graph has no control
    // flow, and the few shape tensors it reads are CPU-resident on every backend.
    let outputs: Tensor[];
    try {
      outputs = model.execute({ [INPUT_NODE]: input }, [SCORES_NODE, BOXES_NODE]) as Tensor[];
    } finally {
      input.dispose();
    }
    try {
      return tf.tidy(() => {
        const [scores, boxes] = outputs as [Tensor, Tensor];
        const anchors = scores.shape[1] as number;
        const classScores = tf.gather(scores.reshape([anchors, -1]), columns, 1).transpose();
        const top = tf.topk(classScores, Math.min(CANDIDATES_PER_CLASS, anchors));
        const topBoxes = tf.gather(boxes.reshape([anchors, 4]), top.indices.flatten());
        return [top.values, topBoxes] as [Tensor, Tensor];
      });
    } finally {
      tf.dispose(outputs);
    }
  }

  const detector: Detector = {
    backend,
    labels,
    async detect(source, detectOptions = {}) {
      if (disposed) throw new Error('detector was disposed');
      const { threshold = 0.5, iouThreshold = 0.5, maxDetections = 20 } = detectOptions;
      const columns = columnsFor(detectOptions.classes);
      const { width, height } = sourceSize(source);
      if (!width || !height) throw new Error('the image has no pixels yet');
      const [scoresTensor, boxesTensor] = await inferTopCandidates(source, columns);
      try {
        const [scores, boxes] = await Promise.all([scoresTensor.data(), boxesTensor.data()]);
        const perClass = scoresTensor.shape[1] as number;
        const candidates: Detection[] = [];
        for (let c = 0; c < columns.length; c++) {
          const label = labels[columns[c] as number] as string;
          for (let k = 0; k < perClass; k++) {
            const i = c * perClass + k;
            const score = scores[i] as number;
            // topk is sorted, so the rest of this class is below the threshold too.
            if (score < threshold) break;
            candidates.push({ box: toSourceBox(boxes, i * 4, width, height), score, label });
          }
        }
        return nonMaxSuppression(candidates, iouThreshold, maxDetections);
      } finally {
        tf.dispose([scoresTensor, boxesTensor]);
      }
    },
    dispose() {
      disposed = true;
      model.dispose();
    },
  };

  // Warm-up: the first run compiles shaders / kernels; pay for it here, not on the first camera frame.
  const blank = tf.zeros([INPUT_SIZE, INPUT_SIZE, 3], 'int32');
  const warmUp = await inferTopCandidates(blank, [0]);
  await Promise.all(warmUp.map((tensor) => tensor.data()));
  tf.dispose([blank, ...warmUp]);
  return detector;
}
