// tfjs-backend-wasm starts its threads by turning its emscripten factory back into source text
// (`wasmFactoryThreadedSimd.toString()`) and running that text in each pthread worker. The factory
// reads `_scriptDir`, a variable of the module around it, behind a `typeof` guard that keeps the worker
// safe where the variable does not exist. The minifier knows the variable exists in the bundle, so it
// drops the guard and renames the variable, and every pthread worker then dies on "e is not defined".
// In a browser `_scriptDir` is always undefined for an ES module (no `document.currentScript`), so the
// two places that read it can simply do without it; the factory then has no outside references left.
import type { Plugin } from 'vite';

const THREADED_FACTORY = /tfjs-backend-wasm-threaded-simd\.js$/;
const REWRITES: readonly [string, string][] = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  ['"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir', '"urlOrBlob":Module["mainScriptUrlOrBlob"]'],
];

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!THREADED_FACTORY.test(id.split('?')[0] ?? id)) return undefined;
      let rewritten = code;
      for (const [from, to] of REWRITES) {
        // A tfjs upgrade that changes this code must fail the build, not ship threads that never start.
        if (!rewritten.includes(from)) this.error(`tfjs-wasm-threads: "${from}" not found in ${id}; check the upgrade`);
        rewritten = rewritten.replace(from, to);
      }
      return { code: rewritten, map: null };
    },
  };
}
