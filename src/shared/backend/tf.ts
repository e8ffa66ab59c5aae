// The single entry point to TF.js. Import it lazily through loadTf() so the heavy library stays out of
// the first paint. Only core (ops, gradients, optimizers), the converter (graph models) and the CPU
// backend (the fallback that always works) are here; the GPU and WASM backends load when a device is
// about to use them (see loadBackend), so a phone downloads the one it runs, not all four. The app uses
// neither Layers nor Data, which together would add about a third to the download.
import '@tensorflow/tfjs-backend-cpu';
// What the @tensorflow/tfjs bundle adds to core: gradients (training) and chained ops (`x.reshape()`).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

// Re-exported, not spread into one object: copying the ~1,000 bindings out of the two module namespaces
// took 11 ms here, 45 ms on a phone, in the task that starts TF.js.
export * from '@tensorflow/tfjs-converter';
export * from '@tensorflow/tfjs-core';
