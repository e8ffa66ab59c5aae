// What a benchmark result needs to say about the device it ran on, read from the browser without
// starting TF.js: browser and platform, cores, memory, isolation (WASM threads need it), and the
// graphics chip as WebGPU and WebGL name it — which also tells which backends are worth offering.
import { BACKENDS, type BackendName } from '../../shared/backend/backends.ts';

/** Why a backend is not offered on this device. */
export type UnavailableReason = 'noWebGpu' | 'noAdapter' | 'noWebGl2' | 'noWasm';

export interface BackendOffer {
  backend: BackendName;
  available: boolean;
  /** A GPU the browser emulates in software: it works, at seconds per frame. */
  software: boolean;
  why?: UnavailableReason;
}

export interface DeviceFacts {
  userAgent: string;
  /** From navigator.userAgentData where the browser has it (Chromium): "Google Chrome 140, …". */
  brands?: string;
  platform?: string;
  platformVersion?: string;
  /** The phone's model name, e.g. "Pixel 7" (Android Chromium only). */
  model?: string;
  mobile?: boolean;
  hardwareConcurrency?: number;
  /** GB, rounded and capped by the browser for privacy (Chromium only). */
  deviceMemoryGb?: number;
  crossOriginIsolated: boolean;
  screen: string;
  /** The WebGPU adapter: vendor, architecture, device and description as far as the browser tells. */
  webgpuAdapter?: string;
  webglRenderer?: string;
  offers: BackendOffer[];
}

interface UserAgentData {
  brands: { brand: string; version: string }[];
  mobile: boolean;
  platform: string;
  getHighEntropyValues(hints: string[]): Promise<{ model?: string; platformVersion?: string }>;
}

// The same test the app's backend choice uses (src/shared/backend/backends.ts).
const softwareRenderer = /swiftshader|llvmpipe|softpipe|software|warp|basic render/i;

async function webgpuFacts(): Promise<{ adapter?: string; offer: Omit<BackendOffer, 'backend'> }> {
  if (!('gpu' in navigator) || !navigator.gpu) return { offer: { available: false, software: false, why: 'noWebGpu' } };
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return { offer: { available: false, software: false, why: 'noAdapter' } };
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
    const software = info.isFallbackAdapter === true || softwareRenderer.test(name);
    return { adapter: name || 'unnamed adapter', offer: { available: true, software } };
  } catch {
    return { offer: { available: false, software: false, why: 'noAdapter' } };
  }
}

function webglFacts(): { renderer?: string; offer: Omit<BackendOffer, 'backend'> } {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (!gl) return { offer: { available: false, software: false, why: 'noWebGl2' } };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  // Browsers allow a page only a few live contexts: give this one back now.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer, offer: { available: true, software: softwareRenderer.test(renderer) } };
}

async function userAgentFacts(): Promise<Partial<DeviceFacts>> {
  const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  if (!data) return {};
  const facts: Partial<DeviceFacts> = {
    brands: data.brands
      .filter(({ brand }) => !/not.?a.?brand/i.test(brand))
      .map(({ brand, version }) => `${brand} ${version}`)
      .join(', '),
    platform: data.platform,
    mobile: data.mobile,
  };
  try {
    const { model, platformVersion } = await data.getHighEntropyValues(['model', 'platformVersion']);
    if (model) facts.model = model;
    if (platformVersion) facts.platformVersion = platformVersion;
  } catch {
    // A browser may refuse the detailed hints; the brands and platform are enough.
  }
  return facts;
}

export async function readDeviceFacts(): Promise<DeviceFacts> {
  const [webgpu, agent] = await Promise.all([webgpuFacts(), userAgentFacts()]);
  const webgl = webglFacts();
  const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  const offers: Record<BackendName, Omit<BackendOffer, 'backend'>> = {
    webgpu: webgpu.offer,
    webgl: webgl.offer,
    wasm:
      typeof WebAssembly === 'object'
        ? { available: true, software: false }
        : { available: false, software: false, why: 'noWasm' },
    cpu: { available: true, software: false },
  };
  return {
    userAgent: navigator.userAgent,
    ...agent,
    ...(navigator.hardwareConcurrency ? { hardwareConcurrency: navigator.hardwareConcurrency } : {}),
    ...(memory ? { deviceMemoryGb: memory } : {}),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    screen: `${screen.width}×${screen.height} @${Math.round(devicePixelRatio * 100) / 100}x`,
    ...(webgpu.adapter ? { webgpuAdapter: webgpu.adapter } : {}),
    ...(webgl.renderer ? { webglRenderer: webgl.renderer } : {}),
    offers: BACKENDS.map((backend) => ({ backend, ...offers[backend] })),
  };
}
