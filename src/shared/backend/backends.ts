// Picks the fastest TF.js backend that really works on this device. "Really" matters: a browser can
// expose navigator.gpu yet fail to hand out an adapter or device, and WebGL can exist but be blocklisted,
// so each candidate is proven by creating its device/context and running one small op.
// Works in the page and in workers (no DOM access outside of feature checks).
import type * as tfTypes from '@tensorflow/tfjs';
import { nextTask } from '../next-task.ts';
import { softwareRenderer, webglSupport } from './webgl-probe.ts';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = BackendName | 'auto';

export interface BackendProbe {
  name: BackendName;
  ok: boolean;
  software?: boolean;
  reason?: string;
}

export interface BackendSelection {
  active: BackendName;
  probes: BackendProbe[];
  /** True when the user's chosen backend failed and another one was picked instead. */
  fellBack: boolean;
}

export function isBackendChoice(value: unknown): value is BackendChoice {
  return value === 'auto' || BACKENDS.includes(value as BackendName);
}

type Tf = typeof tfTypes;
let tfModule: Promise<Tf> | undefined;

/**
 * TF.js core with the CPU backend; loaded on first use so the app shell paints without it. Its parts
 * start one task after another: run as one, the ~0.6 MB of module code held a phone's main thread for
 * ~150 ms (4× this machine's 40 ms), long enough to swallow a tap.
 */
export function loadTf(): Promise<Tf> {
  tfModule ??= (async () => {
    await import('./tf-core.ts');
    await nextTask();
    return (await import('./tf.ts')) as unknown as Tf;
  })();
  return tfModule;
}

/** Each backend's module registers it with TF.js; it is fetched only when this device is about to try it. */
const backendModules: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: () => import('./wasm-backend.ts'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

async function loadBackend(name: BackendName): Promise<Tf> {
  const [tf] = await Promise.all([loadTf(), backendModules[name]()]);
  return tf;
}

interface PlatformSupport {
  missing?: string;
  /** A CPU emulation of a GPU (SwiftShader, WARP…): it works, but WASM is much faster. */
  software?: boolean;
}

async function platformSupports(name: BackendName): Promise<PlatformSupport> {
  switch (name) {
    case 'webgpu': {
      if (!('gpu' in navigator) || !navigator.gpu) return { missing: 'navigator.gpu is missing' };
      const adapter = await navigator.gpu.requestAdapter();
      if (!adapter) return { missing: 'no WebGPU adapter' };
      const device = await adapter.requestDevice();
      device.destroy();
      const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
      const described = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
      return { software: info.isFallbackAdapter === true || softwareRenderer.test(described) };
    }
    case 'webgl':
      return webglSupport();
    case 'wasm':
      return typeof WebAssembly === 'object' ? {} : { missing: 'WebAssembly is missing' };
    case 'cpu':
      return {};
  }
}

/** Makes `name` the active backend if the platform supports it and a 2×2 matmul gives the right answer. */
export async function activateBackend(name: BackendName, allowSoftware = true): Promise<BackendProbe> {
  try {
    const { missing, software } = await platformSupports(name);
    if (missing) return { name, ok: false, reason: missing };
    if (software && !allowSoftware)
      return { name, ok: false, software, reason: 'software emulation (slower than WASM)' };
    const tf = await loadBackend(name);
    const start = () => tf.setBackend(name);
    const started = name === 'wasm' ? await (await import('./wasm-backend.ts')).withEveryCore(start) : await start();
    if (!started) return { name, ok: false, reason: 'TF.js could not initialise it' };
    await tf.ready();
    // Starting a backend (WASM: instantiating it and registering its kernels) and its first op (XNNPACK
    // setting itself up) each take ~12 ms here, 50 on a phone: two tasks, so the page can paint between.
    await nextTask();
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
    const values = Array.from(await product.data());
    product.dispose();
    const expected = [19, 22, 43, 50];
    if (values.some((value, i) => Math.abs(value - expected[i]) > 1e-3)) {
      return { name, ok: false, reason: `wrong result ${values.join(',')}` };
    }
    return software ? { name, ok: true, software } : { name, ok: true };
  } catch (error) {
    return { name, ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Activates the preferred backend, or else the first working one in speed order: WebGPU → WebGL → WASM
 * → CPU. In that automatic order a GPU emulated in software does not count: SwiftShader runs the
 * detector at seconds per frame where WASM needs ~150 ms. It stays available as an explicit choice.
 */
export async function selectBackend(preference: BackendChoice = 'auto'): Promise<BackendSelection> {
  const probes: BackendProbe[] = [];
  if (preference !== 'auto') {
    const probe = await activateBackend(preference);
    probes.push(probe);
    if (probe.ok) return { active: preference, probes, fellBack: false };
  }
  for (const name of BACKENDS) {
    if (name === preference) continue;
    const probe = await activateBackend(name, false);
    probes.push(probe);
    if (probe.ok) return { active: name, probes, fellBack: preference !== 'auto' };
  }
  throw new Error(`no TF.js backend works here: ${probes.map((p) => `${p.name}: ${p.reason}`).join('; ')}`);
}

/** Threads the WASM backend computes with once it has started (1 for its non-threaded builds); else undefined. */
export async function wasmThreads(): Promise<number | undefined> {
  try {
    return (await import('./wasm-backend.ts')).wasmThreads();
  } catch {
    return undefined;
  }
}

/** Threads the active backend computes with: XNNPACK's pool on WASM; 1 on the CPU backend and GPUs. */
export async function activeThreads(): Promise<number> {
  const tf = await loadTf();
  return (tf.getBackend() === 'wasm' ? await wasmThreads() : undefined) ?? 1;
}
