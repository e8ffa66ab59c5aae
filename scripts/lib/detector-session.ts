// Shared by the detect, eval and bench CLIs: a harness page with a detector loaded, and one call
// that detects on a local image file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DetectOptions } from '../../src/model/detector.ts';
import type { Detection } from '../../src/model/geometry.ts';
import { type BackendChoice, isBackendChoice } from '../../src/shared/backend/backends.ts';
import { type Harness, openHarness } from './harness.ts';

export interface DetectionResult {
  width: number;
  height: number;
  ms: number;
  detections: Detection[];
}

export class UsageError extends Error {}

export function parseBackend(value: string | undefined): BackendChoice {
  const backend = value ?? 'auto';
  if (!isBackendChoice(backend))
    throw new UsageError(`--backend must be webgpu, webgl, wasm, cpu or auto, not "${value}"`);
  return backend;
}

/** `--input-size`: the side the picture is scaled to before detection (default 300, the live view's may be smaller). */
export function parseInputSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 96 || size > 1024)
    throw new UsageError(`--input-size must be a whole number of pixels from 96 to 1024, not "${value}"`);
  return size;
}

/** A whole-number option ≥ `min`, e.g. `--epochs`. */
export function parseWhole(name: string, value: string, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
  return number;
}

export function parseUnitInterval(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!(number >= 0 && number <= 1)) throw new UsageError(`--${name} must be a number from 0 to 1, not "${value}"`);
  return number;
}

/** --tiles: absent = one pass; a bare flag or 2 = the whole picture plus a 2×2 grid; n = n×n. */
export function parseTiles(value: string | undefined): number {
  if (value === undefined) return 1;
  const grid = value === '' ? 2 : Number(value);
  if (!Number.isInteger(grid) || grid < 1 || grid > 4)
    throw new UsageError(`--tiles must be 1, 2, 3 or 4, not "${value}"`);
  return grid;
}

export interface DetectorSession {
  harness: Harness;
  backend: string;
  /** Whether the verifier gives each box a second look. */
  verified: boolean;
  loadMs: number;
  detectFile(path: string, options: DetectOptions & { tiles?: number }): Promise<DetectionResult>;
  close(): Promise<void>;
}

/**
 * `verifier` false leaves out the verifier's second look (train:verifier needs the boxes before it).
 * `model` is 'default' (the app's bundled ball model), 'coco' (stock COCO-SSD "sports ball") or a folder
 * holding model.json + weight shards (a graph like COCO-SSD's, or a fine-tuned model's folder).
 */
export async function openDetectorSession(
  backend: BackendChoice,
  model = 'default',
  inputSize?: number,
  verifier = true,
): Promise<DetectorSession> {
  let modelDir: string | undefined;
  if (model !== 'coco' && model !== 'default') {
    modelDir = resolve(model);
    if (!existsSync(join(modelDir, 'model.json')))
      throw new UsageError(`--model ${model}: no model.json in that folder`);
  }
  const harness = await openHarness();
  try {
    let modelUrl: string = model;
    if (modelDir) {
      const dir = modelDir;
      modelUrl = `${harness.url}/__model/model.json`;
      await harness.page.route(`${harness.url}/__model/*`, (route) => {
        const file = join(dir, decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? ''));
        // A folder without a verifier.json (or any file it lacks) answers as a web server would.
        return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404 });
      });
    }
    const loaded = await harness.page.evaluate(
      ([b, m, size, v]) =>
        window.tama.loadDetector({ backend: b, model: m, verifier: v, ...(size ? { inputSize: size } : {}) }),
      [backend, modelUrl, inputSize, verifier] as const,
    );
    return {
      harness,
      ...loaded,
      async detectFile(path, options) {
        if (!existsSync(path)) throw new Error('no such file');
        if (!statSync(path).isFile()) throw new Error('not a file');
        const url = await harness.serveFile(path);
        return harness.page.evaluate(([u, o]) => window.tama.detectUrl(u, o), [url, options] as const);
      },
      close: () => harness.close(),
    };
  } catch (error) {
    await harness.close();
    throw error;
  }
}

const imageExtensions = /\.(jpe?g|png|webp|gif|bmp|avif)$/i;

/** Files as given; directories expanded (recursively) to the images they hold, in a stable order. */
export function expandInputs(inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => {
    if (existsSync(input) && statSync(input).isDirectory()) {
      return readdirSync(input, { recursive: true, encoding: 'utf8' })
        .filter((file) => imageExtensions.test(file))
        .sort()
        .map((file) => join(input, file));
    }
    return [input];
  });
}

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Playwright wraps page errors as "page.evaluate: Error: <message>\n    at …": keep the message.
  return (text.replace(/^page\.evaluate: (Error: )?/, '').split('\n')[0] ?? text).trim();
}

/** Runs a CLI's main(): its result is the exit code; any thrown error is one line and exit code 2. */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`${name}: ${errorMessage(error)}`);
      process.exit(2);
    },
  );
}
