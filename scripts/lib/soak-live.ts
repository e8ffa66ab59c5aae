// The live half of `npm run soak`: the Detect page with Chromium's fake camera for N minutes, memory
// and frame time sampled every few seconds. JS heap and DOM nodes come from CDP after a forced garbage
// collection (so the heap shows what is kept, not what waits to be collected); tensors and the
// backend's own memory from the page's `tamaDebug`.
import type { Page } from 'playwright-core';
import { memoryProbe } from './cdp-memory.ts';
import { openFakeCameraApp, startLiveView } from './live-view.ts';
import { formatCount, type MetricColumn, median, tableLine } from './soak-stats.ts';

export interface LiveSample {
  seconds: number;
  tensors: number;
  /** WebGL/WebGPU: bytes on the GPU; WASM: the module's heap; CPU: tensor bytes. */
  backendBytes: number;
  /** WebGL only: textures in use plus those kept for reuse. */
  textures?: number;
  jsHeapBytes: number;
  domNodes: number;
  /** Median of the overlay's ms/frame over the window since the last sample. */
  msPerFrame: number;
  fps: number;
}

interface BackendMemory {
  backend: string;
  numTensors: number;
  numBytes: number;
  numBytesInGPU?: number;
  wasmHeapBytes?: number;
  usedTextures?: number;
  freeTextures?: number;
}

const MB = 1024 * 1024;

export const liveColumns: MetricColumn<LiveSample>[] = [
  { name: 'tensors', value: (s) => s.tensors, tolerance: { abs: 4, rel: 0 }, format: formatCount },
  {
    name: 'backend MB',
    value: (s) => s.backendBytes,
    tolerance: { abs: 2 * MB, rel: 0.02 },
    format: (v) => (v / MB).toFixed(1),
  },
  { name: 'textures', value: (s) => s.textures, tolerance: { abs: 4, rel: 0 }, format: formatCount },
  {
    name: 'JS heap MB',
    value: (s) => s.jsHeapBytes,
    tolerance: { abs: 1 * MB, rel: 0.03 },
    format: (v) => (v / MB).toFixed(2),
  },
  { name: 'DOM nodes', value: (s) => s.domNodes, tolerance: { abs: 50, rel: 0.02 }, format: formatCount },
  { name: 'ms/frame', value: (s) => s.msPerFrame, tolerance: { abs: 5, rel: 0.25 }, format: (v) => v.toFixed(1) },
  { name: 'FPS', value: (s) => s.fps, tolerance: { abs: 0.5, rel: 0.25, bad: 'down' }, format: (v) => v.toFixed(1) },
];

async function backendMemory(page: Page): Promise<BackendMemory> {
  return page.evaluate(() =>
    (window as unknown as { tamaDebug: { backendMemory(): Promise<BackendMemory> } }).tamaDebug.backendMemory(),
  );
}

export interface LiveSoakOptions {
  minutes: number;
  everySeconds: number;
  warmupSeconds: number;
  backend: string;
  print: (line: string) => void;
}

export async function liveSoak(options: LiveSoakOptions): Promise<{ backend: string; samples: LiveSample[] }> {
  const { minutes, everySeconds, warmupSeconds, print } = options;
  const app = await openFakeCameraApp();
  try {
    const { context, page, overlay, frames, errors } = await startLiveView(app, options.backend);
    if ((await frames()) < 2) throw new Error(`the live view did not start: ${errors.join('; ') || 'no frames'}`);
    await page.waitForTimeout(warmupSeconds * 1000);
    const probe = await memoryProbe(page);
    const backend = (await backendMemory(page)).backend;
    print(
      `live soak: ${minutes} min on ${backend}, a sample every ${everySeconds} s (after ${warmupSeconds} s warm-up)`,
    );
    print(tableLine(['t s', ...liveColumns.map((c) => c.name)]));

    const samples: LiveSample[] = [];
    const started = Date.now();
    const end = started + minutes * 60_000;
    let windowStart = { at: Date.now(), frames: await frames() };
    while (Date.now() < end) {
      // Poll the overlay's smoothed ms/frame about once a second; the window's median is the sample.
      const msReadings: number[] = [];
      const sampleAt = Math.min(end, windowStart.at + everySeconds * 1000);
      while (Date.now() < sampleAt) {
        await page.waitForTimeout(Math.min(1000, Math.max(0, sampleAt - Date.now())));
        msReadings.push(Number(await overlay.getAttribute('data-ms')));
      }
      const now = { at: Date.now(), frames: await frames() };
      const memory = await backendMemory(page);
      // The smallest of three collections: what the page keeps, without the frame that happens to be in flight.
      const heaps = [await probe.page(), await probe.page(), await probe.page()];
      const heap = heaps.reduce((least, reading) => (reading.usedSize < least.usedSize ? reading : least));
      const sample: LiveSample = {
        seconds: Math.round((now.at - started) / 1000),
        tensors: memory.numTensors,
        backendBytes: memory.wasmHeapBytes ?? memory.numBytesInGPU ?? memory.numBytes,
        ...(memory.usedTextures !== undefined ? { textures: memory.usedTextures + (memory.freeTextures ?? 0) } : {}),
        jsHeapBytes: heap.usedSize,
        domNodes: heap.domNodes,
        msPerFrame: median(msReadings.filter(Number.isFinite)),
        fps: (now.frames - windowStart.frames) / ((now.at - windowStart.at) / 1000),
      };
      samples.push(sample);
      print(
        tableLine([
          String(sample.seconds),
          ...liveColumns.map((c) => {
            const value = c.value(sample);
            return value === undefined ? '–' : c.format(value);
          }),
        ]),
      );
      // The window starts after the sample: its GC pause and reads are not counted as frame time.
      windowStart = { at: Date.now(), frames: await frames() };
    }
    if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
    await context.close();
    return { backend, samples };
  } finally {
    await app.close();
  }
}
