import { expect } from '@esm-bundle/chai';
import { activateBackend, loadTf, wasmThreads } from '../../shared/backend/backends.ts';
import { benchImage } from './bench-image.ts';
import { runBench } from './bench-run.ts';
import { benchBackend, SLOW_BACKEND_RUNS } from './detector-bench.ts';
import { readDeviceFacts } from './device-facts.ts';

describe('detector bench', () => {
  let image: ImageBitmap;

  before(async () => {
    image = (await benchImage()).bitmap;
  });

  after(() => image.close());

  it('measures WASM (ours, stock and a training step) and leaves no tensor behind', async () => {
    const tf = await loadTf();
    const tensorsBefore = tf.memory().numTensors;
    const parts = new Set<string>();
    const result = await benchBackend('wasm', image, {
      runs: 2,
      stock: true,
      train: true,
      onProgress: ({ part }) => parts.add(part),
    });
    expect(tf.memory().numTensors).to.equal(tensorsBefore);
    expect(tf.getBackend()).to.equal('wasm');
    expect(result.backend).to.equal('wasm');
    expect(result.runs).to.equal(2);
    for (const key of ['loadMs', 'oursMs', 'fps', 'stockLoadMs', 'stockMs', 'ratio', 'trainStepMs'] as const)
      expect(result[key], key).to.be.greaterThan(0);
    expect(result.firstDetectionMs).to.be.greaterThan(result.loadMs);
    // The bench picture has two balls that the default model finds at its 0.5 default.
    expect(result.oursBoxes).to.be.at.least(1);
    expect(result.trainBatch).to.equal(8);
    expect([...parts]).to.deep.equal(['load', 'ours', 'train', 'stock']);
    expect(result.stockError).to.equal(undefined);
    expect(result.trainError).to.equal(undefined);
    expect(await wasmThreads()).to.be.at.least(1);
  });

  it('caps the frames on CPU and stops at a cancel without leaking', async () => {
    const tf = await loadTf();
    const tensorsBefore = tf.memory().numTensors;
    const result = await benchBackend('cpu', image, { runs: 10 });
    expect(result.runs).to.equal(SLOW_BACKEND_RUNS);
    expect(result.stockMs).to.equal(undefined);

    const controller = new AbortController();
    const run = benchBackend('wasm', image, {
      runs: 50,
      signal: controller.signal,
      onProgress: ({ part, done }) => {
        if (part === 'ours' && done === 1) controller.abort();
      },
    });
    let stopped: unknown;
    await run.catch((error: unknown) => {
      stopped = error;
    });
    expect((stopped as Error).name).to.equal('Cancelled');
    expect(tf.memory().numTensors).to.equal(tensorsBefore);
  });

  it('runs a plan, reports each backend, and gives the app its backend back', async () => {
    await activateBackend('cpu');
    const seen: string[] = [];
    const fractions: number[] = [];
    const outcomes = await runBench(
      { backends: ['wasm'], runs: 2, stock: false, train: false },
      image,
      () => ({ active: 'cpu', preference: 'auto' }),
      {
        signal: new AbortController().signal,
        onProgress: (fraction) => fractions.push(fraction),
        onOutcome: (outcome) => seen.push(`${outcome.backend}:${outcome.status}`),
      },
    );
    expect(seen).to.deep.equal(['wasm:done']);
    expect(outcomes).to.have.length(1);
    expect((await loadTf()).getBackend()).to.equal('cpu');
    expect(Math.max(...fractions)).to.be.at.most(1);
    expect(fractions.every((value, i) => i === 0 || value >= (fractions[i - 1] as number))).to.equal(true);
  });

  it('describes the device', async () => {
    const facts = await readDeviceFacts();
    expect(facts.userAgent).to.match(/Chrome/);
    expect(facts.offers.map((offer) => offer.backend)).to.deep.equal(['webgpu', 'webgl', 'wasm', 'cpu']);
    const cpu = facts.offers.find((offer) => offer.backend === 'cpu');
    expect(cpu?.available).to.equal(true);
    // The test browser's GPUs are SwiftShader: offered, but marked as software.
    const webgl = facts.offers.find((offer) => offer.backend === 'webgl');
    expect(webgl?.available && webgl.software).to.equal(true);
  });
});
