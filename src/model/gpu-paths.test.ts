import { expect } from '@esm-bundle/chai';
import type { KernelBackend } from '@tensorflow/tfjs';
import { type BackendName, loadTf } from '../shared/backend/backends.ts';
import { createDetector } from './detector.ts';

// On a real GPU a synchronous read stalls the page until the GPU has finished everything queued, which
// costs a frame or more on a phone. The live path must only read asynchronously (`data()`), and must
// give back every tensor of a frame. SwiftShader here emulates the GPUs, so these run real GPU code.
const FIXTURE = '/datasets/sample/images/s1-00001.jpg';

for (const backend of ['webgl', 'webgpu'] as BackendName[]) {
  describe(`live detection on ${backend}`, () => {
    it('reads nothing synchronously from the GPU and keeps the tensor count flat', async () => {
      const tf = await loadTf();
      const detector = await createDetector({ backend });
      const bitmap = await createImageBitmap(await (await fetch(FIXTURE)).blob());
      const gpu = tf.engine().backend as KernelBackend;
      const readSync = gpu.readSync.bind(gpu);
      let syncReads = 0;
      gpu.readSync = (dataId) => {
        syncReads++;
        return readSync(dataId);
      };
      try {
        expect(detector.backend).to.equal(backend);
        await detector.detect(bitmap);
        const before = tf.memory().numTensors;
        const frames = backend === 'webgpu' ? 1 : 3;
        let found = 0;
        for (let i = 0; i < frames; i++) found += (await detector.detect(bitmap)).length;
        expect(found, 'balls found').to.be.greaterThan(0);
        expect(syncReads, 'synchronous GPU reads').to.equal(0);
        expect(tf.memory().numTensors).to.equal(before);
      } finally {
        gpu.readSync = readSync;
        bitmap.close();
        detector.dispose();
      }
    });
  });
}
