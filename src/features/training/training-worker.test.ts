import { expect } from '@esm-bundle/chai';
import { modelUrl } from '../../model/model-variants.ts';
import type { EpochReport } from '../../model/trained-model.ts';
import { isCancelled } from '../../shared/cancelled.ts';
import { TrainingClient } from './training-client.ts';
import { sampleImages, sampleSettings } from './training-fixtures.ts';
import type { TrainingProgress } from './training-progress.ts';

describe('training worker (real TF.js in a module worker)', () => {
  const url = new URL(modelUrl(), location.href).href;
  let client: TrainingClient | undefined;

  afterEach(() => client?.terminate());

  it('lowers the loss on a tiny fixture on WASM, reporting progress and every epoch', async () => {
    client = new TrainingClient();
    const epochs: EpochReport[] = [];
    const phases = new Set<string>();
    const outcome = await client.train(
      {
        train: await sampleImages('train', 6),
        val: await sampleImages('val', 2),
        settings: sampleSettings({}),
        backend: 'wasm',
        modelUrl: url,
      },
      (progress: TrainingProgress) => phases.add(progress.phase),
      (report) => epochs.push(report),
    );
    expect(outcome.metrics.backend).to.equal('wasm');
    expect(epochs.map((e) => e.epoch)).to.deep.equal([1, 2, 3, 4]);
    expect((epochs[3] as EpochReport).loss).to.be.lessThan((epochs[0] as EpochReport).loss);
    expect(outcome.metrics.stockValMAP50).to.be.a('number');
    expect([...phases]).to.include.members(['loading', 'features', 'training', 'done']);
    expect(outcome.weights.length).to.be.greaterThan(90_000);
    expect(await client.memory()).to.deep.equal({ numTensors: 0, numBytes: 0 });
  });

  it('frees the worker’s memory when cancelled', async () => {
    client = new TrainingClient();
    const running = client.train(
      {
        train: await sampleImages('train', 4),
        val: [],
        settings: sampleSettings({ epochs: 50 }),
        backend: 'wasm',
        modelUrl: url,
      },
      (progress) => {
        if (progress.phase === 'training') void client?.cancel();
      },
      () => {},
    );
    const error = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCancelled(error), String(error)).to.equal(true);
    expect(await client.memory()).to.deep.equal({ numTensors: 0, numBytes: 0 });
  });

  it('answers how much memory it holds while its backend is still starting', async () => {
    client = new TrainingClient();
    const images = await sampleImages('train', 1);
    const running = client.train(
      { train: images, val: [], settings: sampleSettings({ epochs: 1 }), backend: 'wasm', modelUrl: url },
      () => {},
      () => {},
    );
    // Sent right behind the run: before the fix this threw "Backend 'wasm' has not yet been initialized".
    const during = await client.memory();
    expect(during.numTensors).to.be.a('number');
    await running;
    expect(await client.memory()).to.deep.equal({ numTensors: 0, numBytes: 0 });
  });

  it('trains on WebGPU too', async () => {
    client = new TrainingClient();
    const epochs: EpochReport[] = [];
    const outcome = await client.train(
      {
        train: await sampleImages('train', 1),
        val: [],
        settings: sampleSettings({ epochs: 1, batchSize: 1 }),
        backend: 'webgpu',
        modelUrl: url,
      },
      () => {},
      (report) => epochs.push(report),
    );
    expect(outcome.metrics.backend).to.equal('webgpu');
    expect(epochs).to.have.length(1);
    expect(Number.isFinite(epochs[0]?.loss)).to.equal(true);
  });
});
