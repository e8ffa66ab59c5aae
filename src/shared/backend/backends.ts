// Picks the fastest TF.js backend that really works on this device. "Really" matters: a browser can
// expose navigator.gpu yet fail to hand out an adapter or device, and WebGL can exist but be blocklisted,
// so each candidate is proven by creating its device/context and running one small op.
// Works in the page and in workers (no DOM access outside of feature checks).
import type * as tfTypes from '@tensorflow/tfjs';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = BackendName | 'auto';

export interface BackendProbe {
  name: BackendName;
  ok: boolean;
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

/** TF.js with every backend registered; loaded on first use so the app shell paints without it. */
export function loadTf(): Promise<Tf> {
  tfModule ??= import('./tf.ts').then((module) => module.tf);
  return tfModule;
}

async function platformSupports(name: BackendName): Promise<string | undefined> {
  switch (name) {
    case 'webgpu': {
      if (!('gpu' in navigator) || !navigator.gpu) return 'navigator.gpu is missing';
      const adapter = await navigator.gpu.requestAdapter();
      if (!adapter) return 'no WebGPU adapter';
      const device = await adapter.requestDevice();
      device.destroy();
      return undefined;
    }
    case 'webgl': {
      const canvas =
        typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
      return canvas.getContext('webgl2') ? undefined : 'no WebGL2 context';
    }
    case 'wasm':
      return typeof WebAssembly === 'object' ? undefined : 'WebAssembly is missing';
    case 'cpu':
      return undefined;
  }
}

/** Makes `name` the active backend if the platform supports it and a 2×2 matmul gives the right answer. */
export async function activateBackend(name: BackendName): Promise<BackendProbe> {
  try {
    const missing = await platformSupports(name);
    if (missing) return { name, ok: false, reason: missing };
    const tf = await loadTf();
    if (!(await tf.setBackend(name))) return { name, ok: false, reason: 'TF.js could not initialise it' };
    await tf.ready();
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
    const values = Array.from(await product.data());
    product.dispose();
    const expected = [19, 22, 43, 50];
    if (values.some((value, i) => Math.abs(value - expected[i]) > 1e-3)) {
      return { name, ok: false, reason: `wrong result ${values.join(',')}` };
    }
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Activates the preferred backend, or the first working one in speed order (WebGPU → WebGL → WASM → CPU). */
export async function selectBackend(preference: BackendChoice = 'auto'): Promise<BackendSelection> {
  const probes: BackendProbe[] = [];
  if (preference !== 'auto') {
    const probe = await activateBackend(preference);
    probes.push(probe);
    if (probe.ok) return { active: preference, probes, fellBack: false };
  }
  for (const name of BACKENDS) {
    if (name === preference) continue;
    const probe = await activateBackend(name);
    probes.push(probe);
    if (probe.ok) return { active: name, probes, fellBack: preference !== 'auto' };
  }
  throw new Error(`no TF.js backend works here: ${probes.map((p) => `${p.name}: ${p.reason}`).join('; ')}`);
}
