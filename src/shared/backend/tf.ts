// The single entry point to TF.js with all four backends registered. Import it lazily through
// loadTf() so the heavy library stays out of the first paint.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { appUrl } from '../app-url.ts';

// The .wasm binaries are copied into public/ at install time and precached, so WASM works offline.
setWasmPaths(appUrl('tfjs-wasm/'));

export { tf };
