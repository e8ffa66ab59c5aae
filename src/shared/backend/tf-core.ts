// TF.js core on its own: the first step of loadTf (backends.ts). Imported for its side effect, so the
// browser does not build the package's namespace object (about 1,000 names) that nothing here reads.
import '@tensorflow/tfjs-core';
