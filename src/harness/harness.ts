// The page that the Node CLIs (detect, eval, bench, dataset generator) drive in headless Chromium.
// It exposes the app's own modules on window.tama, so the CLIs run exactly the code the app runs.

import type { LabeledBox } from '../dataset/dataset-store.ts';
import { renderScene, type SceneOptions } from '../dataset/synthetic/render-scene.ts';
import { BackendUnavailableError, type BenchOptions, benchBackend } from '../features/bench/detector-bench.ts';
import { MnistClient } from '../features/mnist/mnist-client.ts';
import type { MnistTrainOptions } from '../features/mnist/mnist-protocol.ts';
import { TrainingClient } from '../features/training/training-client.ts';
import type { TrainingRequest } from '../features/training/training-protocol.ts';
import { createDetector, type DetectOptions, type Detector, type DetectorOptions } from '../model/detector.ts';
import type { Box } from '../model/geometry.ts';
import { ballModelUrl, modelUrl } from '../model/model-variants.ts';
import { detectTiled } from '../model/tiled-detection.ts';
import {
  buildTrainedModel,
  fetchTrainedModel,
  parseTrainedModel,
  type TrainSettings,
  trainedModelFiles,
} from '../model/trained-model.ts';
import { activeThreads, type BackendChoice, type BackendName } from '../shared/backend/backends.ts';
import { type FuzzFormat, runImportFuzz } from './import-fuzz.ts';
import { keptWorkerTraining } from './kept-worker-training.ts';
import { labelCheckHarness } from './label-check-harness.ts';

let detector: Detector | undefined;

async function decode(url: string): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot read (${response.status})`);
  const blob = await response.blob();
  try {
    return await createImageBitmap(blob);
  } catch {
    throw new Error('not a readable image (corrupt or unsupported format)');
  }
}

function base64ToBytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** Scenes `from … from + count - 1` of the procedural generator's `seed`. */
interface SceneRange {
  seed: number;
  from: number;
  count: number;
  options?: SceneOptions;
}

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A frame for Chromium's fake camera: raw I420 (BT.601) of an even-sized picture, base64. */
async function i420Base64(image: ImageData): Promise<string> {
  const { width, height, data: rgba } = image;
  const yuv = new Uint8Array((width * height * 3) / 2);
  const u0 = width * height;
  const v0 = u0 + (width * height) / 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const [r, g, b] = [rgba[i] as number, rgba[i + 1] as number, rgba[i + 2] as number];
      yuv[y * width + x] = 16 + (65.738 * r + 129.057 * g + 25.064 * b) / 256;
      if (y % 2 === 0 && x % 2 === 0) {
        const c = (y / 2) * (width / 2) + x / 2;
        yuv[u0 + c] = 128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256;
        yuv[v0 + c] = 128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256;
      }
    }
  }
  return blobToBase64(new Blob([yuv]));
}

/** One run of the app's training worker; epochs go to window.tamaOnEpoch; returns the model's files. */
async function renderScenes({ seed, from, count, options }: SceneRange) {
  const images = [];
  for (let index = from; index < from + count; index++) {
    const scene = await renderScene(seed, index, options);
    images.push({ blob: scene.jpeg, boxes: scene.balls.map((ball) => ({ box: ball.bbox, label: 'ball' })) });
  }
  return images;
}

function parseModelFiles(files: { json: string; weightsBase64: string }) {
  return parseTrainedModel(files.json, base64ToBytes(files.weightsBase64).buffer as ArrayBuffer);
}

async function trainToFiles(
  request: { settings: TrainSettings; backend: BackendChoice; name: string },
  data: Pick<TrainingRequest, 'train' | 'val' | 'start'>,
) {
  const client = new TrainingClient();
  try {
    const outcome = await client.train(
      {
        ...data,
        settings: request.settings,
        backend: request.backend,
        modelUrl: new URL(modelUrl(request.settings.base), location.href).href,
      },
      () => {},
      (report) => (window as unknown as { tamaOnEpoch?: (r: unknown) => void }).tamaOnEpoch?.(report),
    );
    const files = trainedModelFiles(buildTrainedModel(outcome, request.settings, request.name));
    return {
      json: files['model.json'],
      weightsBase64: await blobToBase64(new Blob([files['weights.bin'] as Uint8Array<ArrayBuffer>])),
    };
  } finally {
    client.terminate();
  }
}

const tama = {
  async loadDetector(options: DetectorOptions) {
    detector?.dispose();
    const started = performance.now();
    detector = await createDetector(options);
    const loadMs = performance.now() - started;
    return {
      backend: detector.backend,
      verified: detector.verified,
      loadMs,
      threads: await activeThreads(),
      crossOriginIsolated,
    };
  },

  /** Detects on the image at `url`; errors carry a one-line message the CLI prints as is. */
  async detectUrl(url: string, options: DetectOptions & { tiles?: number }) {
    if (!detector) throw new Error('call loadDetector first');
    const bitmap = await decode(url);
    try {
      const started = performance.now();
      const { tiles = 1, ...detectOptions } = options;
      const detections =
        tiles > 1
          ? await detectTiled(detector, bitmap, { ...detectOptions, grid: tiles })
          : await detector.detect(bitmap, detectOptions);
      return { width: bitmap.width, height: bitmap.height, ms: performance.now() - started, detections };
    } finally {
      bitmap.close();
    }
  },

  /** The verifier's description of each box on the image at `url` (`npm run train:default`). */
  async describeBoxesUrl(url: string, boxes: Box[]) {
    if (!detector) throw new Error('call loadDetector first');
    const bitmap = await decode(url);
    try {
      return Array.from(await detector.describeBoxes(bitmap, boxes));
    } finally {
      bitmap.close();
    }
  },

  /**
   * The /bench page's benchmark of one backend on the image at `url` (`npm run bench:detect`); a
   * backend that does not start here gives its reason instead of numbers.
   */
  async benchBackend(
    backend: BackendName,
    url: string,
    options: Pick<BenchOptions, 'runs' | 'stock' | 'stockModelUrl' | 'train'>,
  ) {
    const bitmap = await decode(url);
    try {
      return { ok: true as const, result: await benchBackend(backend, bitmap, options) };
    } catch (error) {
      if (error instanceof BackendUnavailableError) return { ok: false as const, reason: error.message };
      throw error;
    } finally {
      bitmap.close();
    }
  },

  disposeAll() {
    detector?.dispose();
    detector = undefined;
  },

  /**
   * Frames for Chromium's fake camera: the image at `url` panned `step` pixels right per frame, as raw
   * I420 (BT.601), base64. The y4m container is written by the caller.
   */
  /** What the fake-camera video writers turn each drawn frame into. */
  i420: i420Base64,

  async cameraFrames(url: string, count: number, step: number) {
    const bitmap = await decode(url);
    // I420 halves both axes for chroma: odd sizes would make an invalid y4m, so crop to even.
    const width = bitmap.width & ~1;
    const height = bitmap.height & ~1;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
    const frames: string[] = [];
    for (let f = 0; f < count; f++) {
      ctx.fillStyle = '#808080';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(bitmap, f * step, 0);
      frames.push(await i420Base64(ctx.getImageData(0, 0, width, height)));
    }
    bitmap.close();
    return { width, height, frames };
  },

  /**
   * Fine-tunes with the app's own training worker. Photos come as URLs the CLI serves; each epoch is
   * reported through window.tamaOnEpoch (exposed by the CLI). Returns the model's two files.
   */
  async train(request: {
    train: { url: string; boxes: LabeledBox[] }[];
    val: { url: string; boxes: LabeledBox[] }[];
    settings: TrainSettings;
    backend: BackendChoice;
    name: string;
    /** Heads to start from (`train:default --real` goes on from its previous chunk); else the default model. */
    start?: { json: string; weightsBase64: string };
    /** Procedural scenes rendered here and added to the training photos. */
    scenes?: SceneRange;
  }) {
    const load = (items: { url: string; boxes: LabeledBox[] }[]) =>
      Promise.all(
        items.map(async ({ url, boxes }) => {
          const response = await fetch(url);
          if (!response.ok) throw new Error(`cannot read ${url} (${response.status})`);
          return { blob: await response.blob(), boxes };
        }),
      );
    return trainToFiles(request, {
      train: [...(await load(request.train)), ...(request.scenes ? await renderScenes(request.scenes) : [])],
      val: await load(request.val),
      // As the Train page does: fine-tuning starts from the default ball model.
      start: request.start ? parseModelFiles(request.start) : await fetchTrainedModel(ballModelUrl()),
    });
  },

  ...keptWorkerTraining,
  ...labelCheckHarness,

  /**
   * Fine-tunes on procedural scenes rendered right here (for `npm run train:default`): scenes
   * `[from, from + count)` of `seed`, every ball labelled "ball", ball-free scenes as negatives; starts
   * from `start` (a model's files) when given. Returns the new model's files.
   */
  async trainOnScenes(request: {
    train: SceneRange;
    val: SceneRange;
    settings: TrainSettings;
    backend: BackendChoice;
    name: string;
    start?: { json: string; weightsBase64: string };
  }) {
    const start = request.start ? parseModelFiles(request.start) : undefined;
    return trainToFiles(request, {
      train: await renderScenes(request.train),
      val: await renderScenes(request.val),
      ...(start ? { start } : {}),
    });
  },

  /** Trains the MNIST CNN with the app's worker; epochs are reported through window.tamaOnEpoch. */
  async mnist(options: MnistTrainOptions) {
    const client = new MnistClient();
    try {
      const {
        weights: _weights,
        misclassified: _misclassified,
        ...result
      } = await client.train(
        options,
        () => {},
        (report) => (window as unknown as { tamaOnEpoch?: (r: unknown) => void }).tamaOnEpoch?.(report),
      );
      return result;
    } finally {
      client.terminate();
    }
  },

  /**
   * Four distinct photos from one procedural scene, for the 500-photo test: as rendered, mirrored,
   * darker, and mirrored with more contrast; each a JPEG (base64) with its balls' boxes.
   */
  async renderSceneVariants(seed: number, index: number, width: number, height: number) {
    const scene = await renderScene(seed, index, { width, height });
    const bitmap = await createImageBitmap(scene.jpeg);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const boxes = scene.balls.map((ball) => ball.bbox);
    const variants = [{ jpegBase64: await blobToBase64(scene.jpeg), boxes }];
    const looks = [
      [true, 'none'],
      [false, 'brightness(0.85)'],
      [true, 'contrast(1.15)'],
    ] as const;
    for (const [mirror, filter] of looks) {
      ctx.save();
      ctx.filter = filter;
      if (mirror) ctx.setTransform(-1, 0, 0, 1, width, 0);
      ctx.drawImage(bitmap, 0, 0);
      ctx.restore();
      const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
      variants.push({
        jpegBase64: await blobToBase64(jpeg),
        boxes: mirror ? boxes.map(([x, y, w, h]): Box => [width - x - w, y, w, h]) : boxes,
      });
    }
    bitmap.close();
    return variants;
  },

  async renderScene(seed: number, index: number, options: SceneOptions = {}) {
    const scene = await renderScene(seed, index, options);
    return { width: scene.width, height: scene.height, balls: scene.balls, jpegBase64: await blobToBase64(scene.jpeg) };
  },

  /** `npm run bench:fuzz`: `cases` seeded mutations of one import format through the app's import paths. */
  fuzzImports(format: FuzzFormat, cases: number, seed: number) {
    return runImportFuzz(format, cases, seed);
  },
};

declare global {
  interface Window {
    tama: typeof tama;
  }
}

window.tama = tama;
document.body.dataset.ready = 'true';
