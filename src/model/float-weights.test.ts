import { expect } from '@esm-bundle/chai';
import { loadTf } from '../shared/backend/backends.ts';
import { loadGraphInSlices, withFloatWeights } from './float-weights.ts';
import { DEFAULT_MODEL_VARIANT, modelUrl } from './model-variants.ts';

/**
 * How often the page ran a task of its own while `work` ran, and the longest it waited for one. Only
 * the count is asserted: how long a piece takes depends on the machine and its load (a fresh CI
 * machine once took 60 ms for one), so the wait is printed for people, not tested.
 */
async function pageTurns(work: () => Promise<unknown>): Promise<{ turns: number; longestWaitMs: number }> {
  let last = performance.now();
  let longestWaitMs = 0;
  let turns = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longestWaitMs = Math.max(longestWaitMs, now - last);
    last = now;
    turns += 1;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  await work();
  running = false;
  return { turns, longestWaitMs };
}

/** A time budget below zero: slicing yields after every weight, so the page gets a turn between each. */
const EVERY_PIECE = -1;

describe('withFloatWeights', () => {
  it('converts the bundled quantized weights exactly as TF.js does, giving the page a turn between weights', async () => {
    const tf = await loadTf();
    const http = tf.io.http(modelUrl(DEFAULT_MODEL_VARIANT));
    const artifacts = await (http.load as NonNullable<typeof http.load>)();
    const specs = artifacts.weightSpecs ?? [];
    expect(specs.filter((spec) => spec.quantization?.dtype === 'float16').length).to.be.above(100);
    expect(specs.some((spec) => spec.quantization?.dtype === 'uint8')).to.equal(true);

    const pieces = await pageTurns(() => withFloatWeights(artifacts, tf.io.CompositeArrayBuffer.join, EVERY_PIECE));
    expect(pieces.turns, "the page's turns while converting").to.be.at.least(specs.length / 2);
    let converted: Awaited<ReturnType<typeof withFloatWeights>> | undefined;
    const sliced = await pageTurns(async () => {
      converted = await withFloatWeights(artifacts, tf.io.CompositeArrayBuffer.join);
    });
    console.log(`converting: the page waited at most ${sliced.longestWaitMs.toFixed(1)} ms for a turn`);
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

  it('loads a graph that answers exactly as tf.loadGraphModel, giving the page a turn between weights, and frees every tensor', async () => {
    const tf = await loadTf();
    await tf.setBackend('cpu');
    const url = modelUrl(DEFAULT_MODEL_VARIANT);
    const start = tf.memory().numTensors;
    let sliced: Awaited<ReturnType<typeof loadGraphInSlices>> | undefined;
    const pieces = await pageTurns(async () => {
      sliced = await loadGraphInSlices(tf, url, undefined, EVERY_PIECE);
    });
    // One turn per weight at least: converting them, then making each a tensor.
    const weights = Object.keys(sliced?.weights ?? {}).length;
    expect(weights).to.be.above(100);
    expect(pieces.turns, "the page's turns while loading").to.be.at.least(weights);
    sliced?.dispose();
    const timed = await pageTurns(async () => {
      sliced = await loadGraphInSlices(tf, url);
    });
    console.log(`loading: the page waited at most ${timed.longestWaitMs.toFixed(1)} ms for a turn`);
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
