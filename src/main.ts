import { applyLocale, preferredLocale } from './app/i18n.ts';
import { loadPage } from './app/page-modules.ts';
import { routeForPath } from './app/routes.ts';
import { applyTheme, preferredTheme } from './app/theme.ts';
import { nextTask } from './shared/next-task.ts';

applyTheme(preferredTheme());
// The shell, the page the URL names and the words are fetched side by side, not one after another: on a
// slow phone network each step in a chain costs a round trip. Each import names all its chunks to the
// browser at once (a <link rel=modulepreload> apiece, ~0.3 ms each here, over 1 ms on a phone), so
// each list goes in a task of its own.
const shell = nextTask().then(() => import('./app/tama-app.ts'));
nextTask()
  .then(() => loadPage(routeForPath(location.pathname)))
  // The shell loads it again and shows what went wrong.
  .catch(() => {});
// The translations are in before the shell renders, so Japanese users never see an English flash.
await applyLocale(preferredLocale());
customElements.define('tama-app', (await shell).TamaApp);

// For the curious (and the end-to-end tests): `await tamaDebug.memory()` in the console shows how many
// tensors TF.js holds, which must stay flat while the live view runs.
// `await tamaDebug.threads()` the threads the active backend computes with (WASM: 1 unless the page is
// cross-origin isolated). `await tamaDebug.backendMemory()` what the active backend holds beyond
// tensors: WebGL textures, WASM's heap (which only ever grows), for `npm run soak`.
// `await tamaDebug.loseBackend()` really loses the GPU under TF.js (WebGL: WEBGL_lose_context; WebGPU: the
// device destroyed), to watch the app carry on with the next backend; it returns the backend it hit.
const backends = () => import('./shared/backend/backends.ts');
Object.assign(window, {
  tamaDebug: {
    memory: async () => (await (await backends()).loadTf()).memory(),
    backendMemory: async () => {
      const tf = await (await backends()).loadTf();
      const backend = tf.backend() as {
        wasm?: { HEAPU8: Uint8Array };
        textureManager?: { numUsedTextures?: number; numFreeTextures?: number };
      };
      return {
        backend: tf.getBackend(),
        ...tf.memory(),
        ...(backend.wasm ? { wasmHeapBytes: backend.wasm.HEAPU8.buffer.byteLength } : {}),
        ...(backend.textureManager
          ? {
              usedTextures: backend.textureManager.numUsedTextures,
              freeTextures: backend.textureManager.numFreeTextures,
            }
          : {}),
      };
    },
    threads: async () => (await backends()).activeThreads(),
    loseBackend: async () => (await import('./shared/backend/gpu-loss.ts')).loseActiveBackend(),
  },
});
