// The page that the Node CLIs (detect, eval, bench, dataset generator) drive in headless Chromium.
// It exposes the app's own modules on window.tama, so the CLIs run exactly the code the app runs.

import { load as loadStockCocoSsd, type ObjectDetection } from '@tensorflow-models/coco-ssd';
import { renderScene } from '../features/dataset/synthetic/render-scene.ts';
import { DEFAULT_MODEL_URL } from '../features/detection/default-model.ts';
import {
  createDetector,
  type DetectOptions,
  type Detector,
  type DetectorOptions,
} from '../features/detection/detector.ts';
import { type BackendChoice, loadTf, selectBackend } from '../shared/backend/backends.ts';

let detector: Detector | undefined;
let stock: ObjectDetection | undefined;

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

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const tama = {
  async loadDetector(options: DetectorOptions) {
    detector?.dispose();
    const started = performance.now();
    detector = await createDetector(options);
    return { backend: detector.backend, loadMs: performance.now() - started };
  },

  /** Detects on the image at `url`; errors carry a one-line message the CLI prints as is. */
  async detectUrl(url: string, options: DetectOptions) {
    if (!detector) throw new Error('call loadDetector first');
    const bitmap = await decode(url);
    try {
      const started = performance.now();
      const detections = await detector.detect(bitmap, options);
      return { width: bitmap.width, height: bitmap.height, ms: performance.now() - started, detections };
    } finally {
      bitmap.close();
    }
  },

  /** Stock @tensorflow-models/coco-ssd on the same bundled weights, for the benchmark's comparison. */
  async loadStock(backend: BackendChoice) {
    stock?.dispose();
    await selectBackend(backend);
    const started = performance.now();
    stock = await loadStockCocoSsd({ base: 'lite_mobilenet_v2', modelUrl: DEFAULT_MODEL_URL });
    return { backend: (await loadTf()).getBackend(), loadMs: performance.now() - started };
  },

  async stockDetectUrl(url: string) {
    if (!stock) throw new Error('call loadStock first');
    const bitmap = await decode(url);
    try {
      const started = performance.now();
      // coco-ssd's own defaults: 20 boxes, score 0.5.
      const detections = await stock.detect(bitmap as unknown as HTMLCanvasElement);
      return { ms: performance.now() - started, detections: detections.length };
    } finally {
      bitmap.close();
    }
  },

  disposeAll() {
    detector?.dispose();
    stock?.dispose();
    detector = undefined;
    stock = undefined;
  },

  async numTensors() {
    return (await loadTf()).memory().numTensors;
  },

  async renderScene(seed: number, index: number) {
    const scene = await renderScene(seed, index);
    return { width: scene.width, height: scene.height, balls: scene.balls, jpegBase64: await blobToBase64(scene.jpeg) };
  },
};

declare global {
  interface Window {
    tama: typeof tama;
  }
}

window.tama = tama;
document.body.dataset.ready = 'true';
