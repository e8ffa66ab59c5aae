import { expect } from '@esm-bundle/chai';
import { loadTf } from '../shared/backend/backends.ts';
import { loadGraphInSlices, withFloatWeights } from './float-weights.ts';
import { DEFAULT_MODEL_VARIANT, modelUrl } from './model-variants.ts';

/** The longest time the page went without running a task while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  await work();
  running = false;
  tick();
  return longest;
}

describe('withFloatWeights', () => {
  it('converts the bundled quantized weights exactly as TF.js does, without holding the page', async () => {
    const tf = await loadTf();
    const http = tf.io.http(modelUrl(DEFAULT_MODEL_VARIANT));
    const artifacts = await (http.load as NonNullable<typeof http.load>)();
    const specs = artifacts.weightSpecs ?? [];
    expect(specs.filter((spec) => spec.quantization?.dtype === 'float16').length).to.be.above(100);
    expect(specs.some((spec) => spec.quantization?.dtype === 'uint8')).to.equal(true);

    let converted: Awaited<ReturnType<typeof withFloatWeights>> | undefined;
    const stall = await longestStall(async () => {
      converted = await withFloatWeights(artifacts, tf.io.CompositeArrayBuffer.join);
    });
    expect(stall, 'the longest stretch without a task (ms)').to.be.below(30);
    expect(converted?.weightSpecs?.every((spec) => !('quantization' in spec))).to.equal(true);

    const expected = tf.io.decodeWeights(artifacts.weightData as ArrayBuffer, specs);
    const actual = tf.io.decodeWeights(converted?.weightData as ArrayBuffer, converted?.weightSpecs ?? []);
    try {
      expect(Object.keys(actual)).to.deep.equal(Object.keys(expected));
      for (const [name, tensor] of Object.entries(expected)) {
        const ours = actual[name] as typeof tensor;
        expect(ours.shape, name).to.deep.equal(tensor.shape);
        expect(ours.dtype, name).to.equal(tensor.dtype);
        expect(Array.from(ours.dataSync()), name).to.deep.equal(Array.from(tensor.dataSync()));
      }
    } finally {
      tf.dispose([...Object.values(expected), ...Object.values(actual)]);
    }
  });

  it('leaves artifacts without quantized weights as they are', async () => {
    const tf = await loadTf();
    const artifacts = {
      weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' as const }],
      weightData: new ArrayBuffer(8),
    };
    expect(await withFloatWeights(artifacts, tf.io.CompositeArrayBuffer.join)).to.equal(artifacts);
  });

  it('loads a graph that answers exactly as tf.loadGraphModel, holds the page no longer, and frees every tensor', async () => {
    const tf = await loadTf();
    await tf.setBackend('cpu');
    const url = modelUrl(DEFAULT_MODEL_VARIANT);
    const start = tf.memory().numTensors;
    let sliced: Awaited<ReturnType<typeof loadGraphInSlices>> | undefined;
    const stall = await longestStall(async () => {
      sliced = await loadGraphInSlices(tf, url);
    });
    expect(stall, 'the longest stretch without a task (ms)').to.be.below(30);
    const reference = await tf.loadGraphModel(url);
    const input = tf.randomUniform([1, 128, 128, 3], -1, 1, 'float32', 7);
    try {
      const ours = sliced?.execute(input) as import('@tensorflow/tfjs').Tensor[];
      const theirs = reference.execute(input) as import('@tensorflow/tfjs').Tensor[];
      expect(ours.length).to.equal(theirs.length);
      ours.forEach((tensor, i) => {
        expect(Array.from(tensor.dataSync())).to.deep.equal(Array.from((theirs[i] as typeof tensor).dataSync()));
      });
      tf.dispose([...ours, ...theirs]);
    } finally {
      input.dispose();
      reference.dispose();
      sliced?.dispose();
    }
    expect(tf.memory().numTensors).to.equal(start);
  });
});
