import { expect } from '@esm-bundle/chai';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EpochState } from '../../model/model-store.ts';
import { modelUrl } from '../../model/model-variants.ts';
import type { TrainSettings } from '../../model/trained-model.ts';
import type { RunJournal } from './run-checkpoint.ts';
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

/** A journal in memory: what a run saved after each epoch, and whether it was discarded. */
class MemoryJournal implements RunJournal {
  states: EpochState[] = [];
  discarded = false;
  async save(state: EpochState) {
    this.states.push(state);
  }
  async discard() {
    this.discarded = true;
  }
}

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
    const journal = new MemoryJournal();
    const running = run.start(
      await request({ epochs: 50 }),
      async () => {
        finished = true;
      },
      journal,
    );
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
    expect(journal.discarded, 'a cancelled run leaves no checkpoint').to.equal(true);
    expect(warnsBeforeUnload()).to.equal(false);
  });

  it('ends the run when the host goes away', async () => {
    const host = new FakeHost();
    const run = new TrainingRunController(host);
    const journal = new MemoryJournal();
    const running = run.start(await request({ epochs: 50 }), async () => {}, journal);
    while (!journal.states.length) await new Promise((resolve) => setTimeout(resolve, 50));
    host.disconnect();
    await running;
    expect(run.state).to.equal('cancelled');
    expect(journal.discarded, 'leaving the page keeps the checkpoint, to resume').to.equal(false);
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

  it('goes on with WASM from the last finished epoch when the WebGL context is lost', async () => {
    const run = new TrainingRunController(new FakeHost());
    const journal = new MemoryJournal();
    const running = run.start(
      { ...(await request({ epochs: 3 })), backend: 'webgl' },
      async (outcome) => outcome,
      journal,
    );
    while (!journal.states.length) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.backend).to.equal('webgl');
    expect(await run.loseGpuForTest()).to.equal(true);
    const outcome = await running;
    expect(run.state, String(run.error)).to.equal('done');
    const fallback = run.fallback;
    expect(fallback?.lost).to.equal('webgl');
    expect(fallback?.backend).to.equal('wasm');
    expect(fallback?.epoch).to.be.greaterThanOrEqual(1);
    expect(run.backend).to.equal('wasm');
    expect(outcome?.metrics.backend).to.equal('wasm');
    // Each epoch ran once: up to the loss on WebGL, after it on WASM.
    expect(journal.states.map((s) => s.epoch)).to.deep.equal([1, 2, 3]);
    expect(journal.states.map((s) => s.backend)).to.deep.equal(
      [1, 2, 3].map((epoch) => (epoch <= (fallback?.epoch ?? 0) ? 'webgl' : 'wasm')),
    );
    expect(outcome?.metrics.epochs.map((e) => e.epoch)).to.deep.equal([1, 2, 3]);
    expect(run.epochs.map((e) => e.epoch)).to.deep.equal([1, 2, 3]);
  });
});
