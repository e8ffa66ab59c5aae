import { expect } from '@esm-bundle/chai';
import { modelUrl } from '../../model/model-variants.ts';
import type { EpochReport, TrainSettings } from '../../model/trained-model.ts';
import { isCancelled } from '../../shared/cancelled.ts';
import { TrainingClient } from './training-client.ts';
import type { TrainingProgress } from './training-progress.ts';
import type { TrainingImage } from './training-views.ts';

interface CocoFile {
  images: { id: number; file_name: string }[];
  annotations: { image_id: number; bbox: [number, number, number, number] }[];
}

/** Photos of the sample dataset with their boxes, as the page would send them. */
async function sampleImages(split: 'train' | 'val', count: number): Promise<TrainingImage[]> {
  const coco = (await (await fetch(`/datasets/sample/${split}.json`)).json()) as CocoFile;
  return Promise.all(
    coco.images.slice(0, count).map(async (image) => ({
      blob: await (await fetch(`/datasets/sample/${image.file_name}`)).blob(),
      boxes: coco.annotations.filter((a) => a.image_id === image.id).map((a) => ({ box: a.bbox, label: 'ball' })),
    })),
  );
}

const settings = (overrides: Partial<TrainSettings>): TrainSettings => ({
  classes: ['ball'],
  epochs: 4,
  batchSize: 4,
  learningRate: 0.002,
  augmentCopies: 1,
  patience: 10,
  seed: 1,
  base: 'f16',
  ...overrides,
});

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
        settings: settings({}),
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
        settings: settings({ epochs: 50 }),
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

  it('trains on WebGPU too', async () => {
    client = new TrainingClient();
    const epochs: EpochReport[] = [];
    const outcome = await client.train(
      {
        train: await sampleImages('train', 1),
        val: [],
        settings: settings({ epochs: 1, batchSize: 1 }),
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
