// Registers the WASM backend with the app's own copies of its binaries (copied into public/ at install
// time): the SIMD build is precached, the others are cached by the service worker when first needed.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { appUrl } from '../app-url.ts';

setWasmPaths(appUrl('tfjs-wasm/'));
