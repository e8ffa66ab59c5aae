import { expect } from '@esm-bundle/chai';
import type { EpochState } from '../../model/model-store.ts';
import { modelUrl } from '../../model/model-variants.ts';
import type { BackendName } from '../../shared/backend/backends.ts';
import { isGpuLost } from './gpu-lost.ts';
import { TrainingClient } from './training-client.ts';
import { sampleImages, sampleSettings } from './training-fixtures.ts';
import type { TrainingRequest } from './training-protocol.ts';

const maxDifference = (a: Float32Array, b: Float32Array) =>
  a.reduce((max, x, i) => Math.max(max, Math.abs(x - (b[i] as number))), 0);

describe('training checkpoints and GPU loss (real TF.js in a module worker)', () => {
  const url = new URL(modelUrl(), location.href).href;
  let client: TrainingClient | undefined;

  afterEach(() => client?.terminate());

  it('resumed from its state after epoch 1 in a new worker, a run ends as if it had never stopped', async () => {
    const request: TrainingRequest = {
      train: await sampleImages('train', 4),
      val: await sampleImages('val', 2),
      settings: sampleSettings({ epochs: 3 }),
      backend: 'wasm',
      modelUrl: url,
    };
    client = new TrainingClient();
    const states: EpochState[] = [];
    const whole = await client.train(
      request,
      () => {},
      () => {},
      undefined,
      (state) => states.push(state),
    );
    expect(states.map((s) => s.epoch)).to.deep.equal([1, 2, 3]);
    const after1 = states[0] as EpochState;
    expect(after1.backend).to.equal('wasm');
    expect(after1.steps).to.equal(10);
    expect(after1.values.length).to.equal(whole.weights.length);
    expect(after1.best.length).to.equal(whole.weights.length);

    client.terminate();
    client = new TrainingClient();
    const resumedEpochs: number[] = [];
    const resumed = await client.train(
      { ...request, resume: after1 },
      () => {},
      (report) => resumedEpochs.push(report.epoch),
    );
    expect(resumedEpochs).to.deep.equal([2, 3]);
    expect(resumed.metrics.epochs.map((e) => e.epoch)).to.deep.equal([1, 2, 3]);
    expect(resumed.metrics.bestEpoch).to.equal(whole.metrics.bestEpoch);
    expect(resumed.metrics.stockValMAP50).to.equal(whole.metrics.stockValMAP50);
    for (const epoch of [1, 2]) {
      const [a, b] = [whole.metrics.epochs[epoch]?.loss as number, resumed.metrics.epochs[epoch]?.loss as number];
      expect(Math.abs(a - b), `epoch ${epoch + 1} loss ${a} vs ${b}`).to.be.lessThan(1e-4 * Math.abs(a));
    }
    expect(maxDifference(resumed.weights, whole.weights)).to.be.lessThan(1e-4);
    expect(await client.memory()).to.deep.equal({ numTensors: 0, numBytes: 0 });
  });

  it('a run resumed after its last epoch only gives back its best heads', async () => {
    client = new TrainingClient();
    const request: TrainingRequest = {
      train: await sampleImages('train', 1),
      val: await sampleImages('val', 1),
      settings: sampleSettings({ epochs: 1, batchSize: 1 }),
      backend: 'wasm',
      modelUrl: url,
    };
    let last: EpochState | undefined;
    const whole = await client.train(
      request,
      () => {},
      () => {},
      undefined,
      (state) => {
        last = state;
      },
    );
    const again = await client.train(
      { ...request, resume: last },
      () => {},
      () => {},
    );
    expect(again.metrics.epochs).to.deep.equal(whole.metrics.epochs);
    expect(maxDifference(again.weights, whole.weights)).to.equal(0);
  });

  for (const backend of ['webgl', 'webgpu'] as BackendName[]) {
    it(`ends the run with GpuLost when its ${backend} device is lost for real`, async () => {
      client = new TrainingClient();
      const current = client;
      let asked: Promise<boolean> | undefined;
      const error = await client
        .train(
          {
            train: await sampleImages('train', 1),
            val: [],
            settings: sampleSettings({ epochs: 50, batchSize: 1 }),
            backend,
            modelUrl: url,
          },
          (progress) => {
            if (progress.backend) expect(progress.backend).to.equal(backend);
            if (progress.phase === 'training') asked ??= current.loseGpuForTest();
          },
          () => {},
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(await asked).to.equal(true);
      expect(isGpuLost(error), String(error)).to.equal(true);
    });
  }
});
