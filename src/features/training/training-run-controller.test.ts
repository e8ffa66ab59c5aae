import { expect } from '@esm-bundle/chai';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { modelUrl } from '../../model/model-variants.ts';
import type { TrainSettings } from '../../model/trained-model.ts';
import type { TrainingRequest } from './training-protocol.ts';
import { TrainingRunController } from './training-run-controller.ts';

interface CocoFile {
  images: { id: number; file_name: string }[];
  annotations: { image_id: number; bbox: [number, number, number, number] }[];
}

async function request(settings: Partial<TrainSettings>): Promise<TrainingRequest> {
  const coco = (await (await fetch('/datasets/sample/train.json')).json()) as CocoFile;
  const image = coco.images[0] as CocoFile['images'][number];
  return {
    train: [
      {
        blob: await (await fetch(`/datasets/sample/${image.file_name}`)).blob(),
        boxes: coco.annotations.filter((a) => a.image_id === image.id).map((a) => ({ box: a.bbox, label: 'ball' })),
      },
    ],
    val: [],
    settings: {
      classes: ['ball'],
      epochs: 1,
      batchSize: 1,
      learningRate: 0.002,
      augmentCopies: 1,
      patience: 10,
      seed: 1,
      base: 'f16',
      ...settings,
    },
    backend: 'wasm',
    modelUrl: new URL(modelUrl(), location.href).href,
  };
}

class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController) {
    this.controllers.push(controller);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
  disconnect() {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

/** Whether closing the tab now would ask first. */
const warnsBeforeUnload = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('training run controller', () => {
  it('runs to done: epochs as they come, finish() while still running, no warning after', async () => {
    const host = new FakeHost();
    const run = new TrainingRunController(host);
    const states: string[] = [];
    const result = await run.start(await request({}), async (outcome) => {
      states.push(run.state);
      expect(warnsBeforeUnload()).to.equal(true);
      return outcome.metrics.epochs.length;
    });
    expect(result).to.equal(1);
    expect(states).to.deep.equal(['running']);
    expect(run.state).to.equal('done');
    expect(run.epochs.map((e) => e.epoch)).to.deep.equal([1]);
    expect(run.progress?.phase).to.equal('done');
    expect(run.etaMs).to.equal(undefined);
    expect(run.active).to.equal(false);
    expect(warnsBeforeUnload()).to.equal(false);
    expect(host.updates).to.be.greaterThan(2);
  });

  it('pauses, resumes and cancels; cancelling ends the run at once', async () => {
    const host = new FakeHost();
    const run = new TrainingRunController(host);
    let finished = false;
    const running = run.start(await request({ epochs: 50 }), async () => {
      finished = true;
    });
    expect(run.state).to.equal('running');
    while (run.progress?.phase !== 'training') await new Promise((resolve) => setTimeout(resolve, 50));
    await run.pause();
    expect(run.state).to.equal('paused');
    expect(run.active).to.equal(true);
    await run.resume();
    expect(run.state).to.equal('running');
    run.cancel();
    expect(await running).to.equal(undefined);
    expect(run.state).to.equal('cancelled');
    expect(finished).to.equal(false);
    expect(warnsBeforeUnload()).to.equal(false);
  });

  it('ends the run when the host goes away', async () => {
    const host = new FakeHost();
    const run = new TrainingRunController(host);
    const running = run.start(await request({ epochs: 50 }), async () => {});
    while (!run.progress || run.progress.phase === 'loading') await new Promise((resolve) => setTimeout(resolve, 50));
    host.disconnect();
    await running;
    expect(run.state).to.equal('cancelled');
    expect(warnsBeforeUnload()).to.equal(false);
  });

  it('reports a failed run with its error', async () => {
    const run = new TrainingRunController(new FakeHost());
    const result = await run.start(
      { ...(await request({})), modelUrl: new URL('/no-such-model.json', location.href).href },
      async () => 1,
    );
    expect(result).to.equal(undefined);
    expect(run.state).to.equal('failed');
    expect(run.error).to.be.instanceOf(Error);
  });
});
