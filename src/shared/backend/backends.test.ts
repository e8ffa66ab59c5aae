import { expect } from '@esm-bundle/chai';
import { activateBackend, BACKENDS, type BackendName, loadTf, selectBackend } from './backends.ts';
import { webglSupport, webglSupportHere } from './webgl-probe.ts';

// A 5×5 two-channel image through a 3×3 conv with two filters: small, but exercises each backend's
// real conv kernel (im2col/matmul on WebGL and WebGPU, XNNPACK on WASM).
async function convolve(backend: BackendName): Promise<number[]> {
  const probe = await activateBackend(backend);
  expect(probe, `${backend}: ${probe.reason}`).to.include({ ok: true });
  const tf = await loadTf();
  expect(tf.getBackend()).to.equal(backend);
  const image = tf.tensor4d(
    Array.from({ length: 50 }, (_, i) => Math.sin(i)),
    [1, 5, 5, 2],
  );
  const filters = tf.tensor4d(
    Array.from({ length: 36 }, (_, i) => Math.cos(i * 0.7)),
    [3, 3, 2, 2],
  );
  const before = tf.memory().numTensors;
  const output = tf.conv2d(image, filters, 1, 'same');
  const values = Array.from(await output.data());
  tf.dispose([image, filters, output]);
  expect(tf.memory().numTensors).to.equal(before - 2);
  return values;
}

describe('TF.js backends', () => {
  let reference: number[];

  before(async () => {
    reference = await convolve('cpu');
    expect(reference).to.have.length(50);
  });

  for (const backend of BACKENDS.filter((name) => name !== 'cpu')) {
    it(`${backend} initialises and computes the same conv2d as the CPU`, async () => {
      const values = await convolve(backend);
      values.forEach((value, i) => {
        expect(value).to.be.closeTo(reference[i] as number, 1e-3);
      });
    });
  }

  it('auto selection skips GPUs emulated in software (SwiftShader here) and picks WASM', async () => {
    const selection = await selectBackend('auto');
    const [webgpu, webgl] = selection.probes;
    expect(webgpu).to.include({ name: 'webgpu', ok: false, software: true });
    expect(webgl).to.include({ name: 'webgl', ok: false, software: true });
    expect(selection).to.include({ active: 'wasm', fellBack: false });
  });

  it("asks about WebGL from a worker, never with a context on the page's own thread", async () => {
    const asked: string[] = [];
    const getContext = OffscreenCanvas.prototype.getContext;
    OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, ...args: Parameters<typeof getContext>) {
      asked.push(args[0]);
      return getContext.apply(this, args);
    } as typeof getContext;
    try {
      const support = await webglSupport();
      expect(support).to.deep.equal(webglSupportHere());
      expect(support).to.deep.equal({ software: true });
      expect(asked, 'only the comparison asked here').to.deep.equal(['webgl2']);
    } finally {
      OffscreenCanvas.prototype.getContext = getContext;
    }
  });

  it('still runs a software GPU when the user picks it', async () => {
    const selection = await selectBackend('webgpu');
    expect(selection).to.include({ active: 'webgpu', fellBack: false });
    expect(selection.probes[0]).to.include({ software: true });
  });

  it('honours an explicit choice', async () => {
    const selection = await selectBackend('wasm');
    expect(selection).to.include({ active: 'wasm', fellBack: false });
    expect((await loadTf()).getBackend()).to.equal('wasm');
  });
});
