// tfjs-backend-wasm starts its threads by turning its emscripten factory back into source text
// (`wasmFactoryThreadedSimd.toString()`) and running that text in each pthread worker. The factory
// reads `_scriptDir`, a variable of the module around it, behind a `typeof` guard that keeps the worker
// safe where the variable does not exist. The minifier knows the variable exists in the bundle, so it
// drops the guard and renames the variable, and every pthread worker then dies on "e is not defined".
// In a browser `_scriptDir` is always undefined for an ES module (no `document.currentScript`), so the
// two places that read it can simply do without it; the factory then has no outside references left.
//
// The pthread workers load that text with `importScripts(blob:…)`, which the app's Content-Security-Policy
// refuses (script-src 'self', src/shared/content-security-policy.ts). So the build also ships the factory
// as it comes, a classic script of the origin, and points the workers at it instead of the blob. The dev
// server, which has no CSP, keeps the blob.
import type { Plugin } from 'vite';

const THREADED_FACTORY = /tfjs-backend-wasm-threaded-simd\.js$/;
const MAIN_SCRIPT = '"urlOrBlob":Module["mainScriptUrlOrBlob"]';
const REWRITES: readonly [string, string][] = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  [`${MAIN_SCRIPT}||_scriptDir`, MAIN_SCRIPT],
];

export function tfjsWasmThreads(): Plugin {
  let building = false;
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build';
    },
    transform(code, id) {
      if (!THREADED_FACTORY.test(id.split('?')[0] ?? id)) return undefined;
      let rewritten = code;
      const rewrites = [...REWRITES];
      if (building) {
        const reference = this.emitFile({ type: 'asset', name: 'tfjs-backend-wasm-threaded-simd.js', source: code });
        rewrites.push([
          MAIN_SCRIPT,
          `"urlOrBlob":new URL(import.meta.ROLLUP_FILE_URL_${reference}, import.meta.url).href`,
        ]);
      }
      for (const [from, to] of rewrites) {
        // A tfjs upgrade that changes this code must fail the build, not ship threads that never start.
        if (!rewritten.includes(from)) this.error(`tfjs-wasm-threads: "${from}" not found in ${id}; check the upgrade`);
        rewritten = rewritten.replace(from, to);
      }
      return { code: rewritten, map: null };
    },
  };
}
