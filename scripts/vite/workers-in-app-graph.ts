import { basename } from 'node:path';
import type { Plugin } from 'vite';

// `new Worker(new URL('./x.worker.ts', import.meta.url))`, the pattern Vite, web-test-runner and browsers
// all understand; in a production build it is the one place a worker's own entry is named.
const workerUrl = /new\s+URL\(\s*(['"])(\.{1,2}\/[^'"]+\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Builds Web Workers as entries of the app's own module graph instead of Vite's separate worker
 * bundles. Vite bundles each worker on its own, so the training and MNIST workers each carried a full
 * copy of TF.js (2.6 MB apiece) beside the page's; as emitted chunks of one build they share the page's
 * TF.js chunk, which a phone downloads (and the service worker precaches) once. Dev and tests keep Vite's
 * own worker handling: the source is unchanged.
 */
export function workersInAppGraph(): Plugin {
  return {
    name: 'tama:workers-in-app-graph',
    apply: 'build',
    enforce: 'pre',
    async transform(code, id) {
      if (!code.includes('.worker.ts') || id.includes('node_modules')) return undefined;
      let rewritten = code;
      for (const match of code.matchAll(workerUrl)) {
        const [whole, , path] = match;
        const resolved = await this.resolve(path as string, id);
        if (!resolved) this.error(`worker ${path} imported by ${id} was not found`);
        const name = basename(resolved.id).replace(/\.ts$/, '');
        const reference = this.emitFile({ type: 'chunk', id: resolved.id, name });
        rewritten = rewritten.replace(whole, `new URL(import.meta.ROLLUP_FILE_URL_${reference}, import.meta.url)`);
      }
      return rewritten === code ? undefined : { code: rewritten, map: null };
    },
  };
}
