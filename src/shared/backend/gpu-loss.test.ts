import { expect } from '@esm-bundle/chai';
import { activateBackend, loadTf } from './backends.ts';
import { isBackendLost, loseActiveBackend, selectAfterLoss, watchBackendLoss } from './gpu-loss.ts';

async function sum(values: number[]): Promise<number> {
  const tf = await loadTf();
  const total = tf.tidy(() => tf.tensor1d(values).sum());
  const [value] = await total.data();
  total.dispose();
  return value as number;
}

// Real losses on SwiftShader's WebGL2 and WebGPU: the watcher hears them, the next backend takes over,
// and the lost backend starts again on a fresh context or device when it is chosen later.
for (const gpu of ['webgl', 'webgpu'] as const) {
  describe(`a lost ${gpu} backend`, () => {
    it('is noticed, replaced by the next backend, and starts afresh when chosen again', async () => {
      const probe = await activateBackend(gpu);
      expect(probe, probe.reason).to.include({ ok: true });
      expect(await sum([1, 2, 3])).to.equal(6);

      const lost = new Promise<string>((resolve) => watchBackendLoss(gpu, resolve));
      expect(await loseActiveBackend()).to.equal(gpu);
      expect(await lost).to.equal(gpu);
      expect(await isBackendLost(gpu)).to.equal(true);

      const selection = await selectAfterLoss(gpu);
      // SwiftShader's GPUs are software, which the automatic order passes over.
      expect(selection).to.include({ active: 'wasm', fellBack: true });
      expect(selection.probes[0]).to.include({ name: gpu, ok: false });
      expect((await loadTf()).getBackend()).to.equal('wasm');
      expect(await sum([4, 5])).to.equal(9);
      expect(await isBackendLost(gpu)).to.equal(false);

      const again = await activateBackend(gpu);
      expect(again, again.reason).to.include({ ok: true });
      expect(await sum([1, 1, 1, 1])).to.equal(4);
    });
  });
}

describe('watching for a lost backend', () => {
  it('ignores a loss once another backend is active', async () => {
    expect(await activateBackend('webgl')).to.include({ ok: true });
    let heard = false;
    watchBackendLoss('webgl', () => {
      heard = true;
    });
    const gl = ((await loadTf()).backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
    expect(await activateBackend('cpu')).to.include({ ok: true });
    const lost = new Promise((resolve) => gl.canvas.addEventListener('webglcontextlost', resolve, { once: true }));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    await lost;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).to.equal(false);
    await selectAfterLoss('webgl');
  });

  it('has nothing to lose on WASM and CPU', async () => {
    expect(await activateBackend('cpu')).to.include({ ok: true });
    expect(await loseActiveBackend()).to.equal(undefined);
    expect(await isBackendLost('cpu')).to.equal(false);
  });
});

describe('a lost backend in a worker', () => {
  it('is noticed on the OffscreenCanvas and replaced, as in the page', async () => {
    const worker = new Worker(new URL('./gpu-loss-check.worker.ts', import.meta.url), { type: 'module' });
    try {
      const steps = await new Promise<string[]>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<string[]>) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage('go');
      });
      expect(steps).to.deep.equal(['webgl true', 'hit webgl', 'heard webgl', 'next wasm']);
    } finally {
      worker.terminate();
    }
  });
});
