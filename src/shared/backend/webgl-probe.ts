// Whether this device gives WebGL2, and whether a real GPU draws it. Asking means creating a context,
// which holds the thread ~15 ms here and ~60 ms on a phone: a page asks from a worker instead, while
// it starts up (see platformSupports in backends.ts).

export interface WebglSupport {
  missing?: string;
  /** The renderer string names a CPU emulation (SwiftShader, llvmpipe, WARP…). */
  software?: boolean;
}

export const softwareRenderer = /swiftshader|llvmpipe|softpipe|software|warp|basic render/i;

/**
 * A 1×1 canvas to ask for a WebGL2 context: OffscreenCanvas where it exists (workers, current browsers),
 * else a page <canvas> (older Safari), reached without DOM typings so this module compiles for workers.
 */
function probeCanvas(): { getContext(kind: 'webgl2'): unknown } {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(1, 1);
  const page = globalThis as unknown as {
    document: { createElement(tag: 'canvas'): { getContext(kind: 'webgl2'): unknown } };
  };
  return page.document.createElement('canvas');
}

/** Asks on this thread. */
export function webglSupportHere(): WebglSupport {
  const gl = probeCanvas().getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) return { missing: 'no WebGL2 context' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  // Given back at once: browsers cap live WebGL contexts (16 in Chromium) and drop the oldest.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { software: softwareRenderer.test(renderer) };
}

const isPage = 'document' in globalThis;

/**
 * Asks from a short-lived worker when called on a page, so the page stays free to paint and answer
 * taps. A worker without WebGL (older Safari offers OffscreenCanvas WebGL to pages only) or one that
 * fails to start is not proof: the page then asks itself.
 */
export async function webglSupport(): Promise<WebglSupport> {
  if (!isPage || typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function') return webglSupportHere();
  const answer = await new Promise<WebglSupport | undefined>((resolve) => {
    try {
      const worker = new Worker(new URL('./webgl-probe.worker.ts', import.meta.url), { type: 'module' });
      const done = (support: WebglSupport | undefined) => {
        worker.terminate();
        resolve(support);
      };
      worker.onmessage = (event: MessageEvent<WebglSupport>) => done(event.data);
      worker.onerror = () => done(undefined);
    } catch {
      resolve(undefined);
    }
  });
  return answer && !answer.missing ? answer : webglSupportHere();
}
