// A GPU can go away under a running app: the driver resets, the OS reclaims the GPU from a background
// tab, the GPU process crashes. WebGL then fires `webglcontextlost` on TF.js's canvas and every later
// op is a silent no-op (reads can wait for ever); WebGPU resolves `device.lost`. TF.js notices neither,
// so the app watches for them, retires the dead backend and carries on with the next one.
// Works in the page and in workers: the WebGL canvas is an OffscreenCanvas there, and both fire the event.
import type { BackendName, BackendProbe, BackendSelection } from './backends.ts';
import { activateBackend, BACKENDS, loadTf } from './backends.ts';

/** The parts of TF.js's GPU backends that tell whether their device is still there. */
interface GLContextLike {
  /** A <canvas> in the page, an OffscreenCanvas in a worker: both fire webglcontextlost. */
  canvas: EventTarget;
  isContextLost(): boolean;
  getExtension(name: 'WEBGL_lose_context'): { loseContext(): void } | null;
}
interface WebGLBackendLike {
  gpgpu?: { gl?: GLContextLike };
}
interface WebGPUBackendLike {
  device?: GPUDevice;
}

/** Devices whose `lost` promise resolved: a destroyed device answers no other way. */
const lostDevices = new WeakSet<GPUDevice>();

/** TF.js's WebGL context behind `backend` (a MathBackendWebGL), if it is one. */
export function glOf(backend: unknown): GLContextLike | undefined {
  return (backend as WebGLBackendLike | undefined)?.gpgpu?.gl;
}

/** TF.js's WebGPU device behind `backend` (a WebGPUBackend), if it is one. */
export function deviceOf(backend: unknown): GPUDevice | undefined {
  return (backend as WebGPUBackendLike | undefined)?.device;
}

/** Whether the TF.js backend `name` is registered but its GPU is gone (false for WASM and CPU). */
export async function isBackendLost(name: BackendName): Promise<boolean> {
  const tf = await loadTf();
  const backend = tf.engine().registry[name];
  if (!backend) return false;
  if (name === 'webgl') return glOf(backend)?.isContextLost() ?? false;
  if (name === 'webgpu') {
    const device = deviceOf(backend);
    return device ? lostDevices.has(device) : false;
  }
  return false;
}

/**
 * Calls `onLost` once when the GPU under the backend `active` goes away while that backend is still the
 * active one. Returns a function that stops watching. Nothing to watch on WASM and CPU.
 */
export function watchBackendLoss(active: BackendName, onLost: (lost: BackendName) => void): () => void {
  let watching = true;
  const stop = () => {
    watching = false;
  };
  const report = async () => {
    const tf = await loadTf();
    if (!watching || tf.getBackend() !== active) return;
    watching = false;
    onLost(active);
  };
  void loadTf().then((tf) => {
    const backend = tf.engine().registry[active];
    if (active === 'webgl') {
      glOf(backend)?.canvas.addEventListener('webglcontextlost', () => void report(), { once: true });
    } else if (active === 'webgpu') {
      const device = deviceOf(backend);
      void device?.lost.then(() => {
        lostDevices.add(device);
        void report();
      });
    }
  });
  return stop;
}

/**
 * Drops the dead instance of backend `name` and registers its factory again, so choosing it later
 * (a new page, the backend menu) starts it on a fresh context or device instead of the lost one.
 */
async function retireBackend(name: BackendName): Promise<void> {
  const engine = (await loadTf()).engine();
  const entry = engine.registryFactory[name];
  if (!entry) return;
  try {
    engine.removeBackend(name);
  } catch {
    // Its dispose ran into the lost context; the instance is unusable either way.
    delete engine.registry[name];
    delete engine.registryFactory[name];
  }
  engine.registerBackend(name, entry.factory, entry.priority);
}

/**
 * After `lost` stopped working: the next backend that works, in selectBackend's order and by its rules
 * (a GPU emulated in software does not count), never `lost` itself. The user's saved preference is not
 * touched: a lost GPU is usually back on the next visit.
 */
export async function selectAfterLoss(lost: BackendName): Promise<BackendSelection> {
  await retireBackend(lost);
  const probes: BackendProbe[] = [{ name: lost, ok: false, reason: 'the GPU was lost' }];
  for (const name of BACKENDS) {
    if (name === lost) continue;
    const probe = await activateBackend(name, false);
    probes.push(probe);
    if (probe.ok) return { active: name, probes, fellBack: true };
  }
  throw new Error(`no TF.js backend works after ${lost} was lost`);
}

/**
 * For tests and the curious: really loses the active GPU backend — WEBGL_lose_context on TF.js's own
 * context, or destroy() on its WebGPU device. Returns the backend it hit, or undefined on WASM and CPU.
 */
export async function loseActiveBackend(): Promise<BackendName | undefined> {
  const tf = await loadTf();
  const name = tf.getBackend() as BackendName;
  if (name === 'webgl') {
    const gl = glOf(tf.backend());
    const extension = gl?.getExtension('WEBGL_lose_context');
    if (!extension) return undefined;
    extension.loseContext();
    return name;
  }
  if (name === 'webgpu') {
    const device = deviceOf(tf.backend());
    if (!device) return undefined;
    device.destroy();
    return name;
  }
  return undefined;
}
