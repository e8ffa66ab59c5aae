import { expect } from '@esm-bundle/chai';
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf, selectBackend } from '../../shared/backend/backends.ts';
import { convReluPool } from './mnist-layers.ts';
import { MnistModel } from './mnist-model.ts';

type Tf = typeof tfTypes;

/** Gradients of the batch's cross-entropy for every weight of `model`, as plain arrays. */
async function gradients(tf: Tf, model: MnistModel, pixels: Float32Array, labels: number[]): Promise<Float32Array[]> {
  const x = tf.tensor4d(pixels, [labels.length, 28, 28, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
  const { grads, value } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, model.logits(x)) as tfTypes.Scalar,
    model.variables,
  );
  const values = await Promise.all(
    model.variables.map(async (v) => (await (grads[v.name] as tfTypes.Tensor).data()) as Float32Array),
  );
  tf.dispose([x, y, value, ...Object.values(grads)]);
  return values;
}

function largestDifference(a: Float32Array, b: Float32Array): { difference: number; scale: number } {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    difference = Math.max(difference, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return { difference, scale };
}

describe('MNIST CNN layers with hand-written gradients (WASM)', () => {
  it('give the same gradients for every weight as TF.js’s own on the CPU backend', async () => {
    const tf = await loadTf();
    const batch = 6;
    const pixels = new Float32Array(batch * 784).map((_, i) => ((i * 7919) % 255) / 255);
    const labels = Array.from({ length: batch }, (_, i) => (i * 3) % 10);
    await selectBackend('cpu');
    const reference = new MnistModel(tf, 5);
    const weights = await reference.weights();
    const expected = await gradients(tf, reference, pixels, labels);
    reference.dispose();
    expect((await selectBackend('wasm')).active).to.equal('wasm');
    const model = new MnistModel(tf, 0, weights);
    const found = await gradients(tf, model, pixels, labels);
    const before = tf.memory().numTensors;
    await gradients(tf, model, pixels, labels);
    expect(tf.memory().numTensors, 'tensors left behind').to.equal(before);
    model.dispose();
    found.forEach((values, i) => {
      const { difference, scale } = largestDifference(values, expected[i] as Float32Array);
      expect(scale, `weight ${i} has a gradient`).to.be.greaterThan(0);
      expect(difference / scale, `weight ${i}`).to.be.lessThan(1e-4);
    });
  });

  it('shares a window’s gradient equally among tied maxima, so their sum stays that of one maximum', async () => {
    const tf = await loadTf();
    expect((await selectBackend('wasm')).active).to.equal('wasm');
    // A flat 2×2 patch of ink through an identity kernel: all four pixels are the window's maximum.
    const x = tf.ones([1, 2, 2, 1]);
    const kernel = tf.tensor4d([0, 0, 0, 0, 1, 0, 0, 0, 0], [3, 3, 1, 1]);
    const bias = tf.zeros([1]);
    const grads = tf.grads((k, b, input) =>
      convReluPool(tf, input as tfTypes.Tensor, k as tfTypes.Tensor, b as tfTypes.Tensor, true).sum(),
    )([kernel, bias, x]);
    const [dKernel, dBias, dInput] = await Promise.all(grads.map((g) => g.data()));
    expect(Array.from(dInput as Float32Array)).to.deep.equal([0.25, 0.25, 0.25, 0.25]);
    expect((dBias as Float32Array)[0]).to.be.closeTo(1, 1e-6);
    expect((dKernel as Float32Array)[4]).to.be.closeTo(1, 1e-6);
    tf.dispose([x, kernel, bias, ...grads]);
  });
});
