import { expect } from '@esm-bundle/chai';
import { isCancelled } from '../cancelled.ts';
import { describeCause, problemOf } from '../errors.ts';
import type { EchoApi } from './fixtures/echo.worker.ts';
import { WorkerBridge } from './worker-bridge.ts';
import { isWorkerDeath } from './worker-death.ts';

const createEcho = () => new Worker(new URL('./fixtures/echo.worker.ts', import.meta.url), { type: 'module' });

describe('WorkerBridge', () => {
  it('starts the worker on first use and again after terminate', async () => {
    const bridge = new WorkerBridge<EchoApi>(createEcho);
    expect(bridge.running).to.equal(false);
    expect(await bridge.call((api) => api.echo('one'))).to.equal('one');
    expect(bridge.running).to.equal(true);
    bridge.terminate();
    expect(bridge.running).to.equal(false);
    expect(await bridge.call((api) => api.echo('two'))).to.equal('two');
    bridge.terminate();
  });

  it('an abort asks the worker to stop and rejects with Cancelled; the worker stays usable', async () => {
    const bridge = new WorkerBridge<EchoApi>(createEcho, { cancel: (api) => api.cancel() });
    const controller = new AbortController();
    const run = bridge.call((api) => api.loop(), controller.signal);
    setTimeout(() => controller.abort(), 50);
    const error = await run.catch((caught: unknown) => caught);
    expect(isCancelled(error)).to.equal(true);
    expect(await bridge.call((api) => api.echo('still here'))).to.equal('still here');
    bridge.terminate();
  });

  it('without a cancel call an abort terminates the worker', async () => {
    const bridge = new WorkerBridge<EchoApi>(createEcho);
    const controller = new AbortController();
    const run = bridge.call((api) => api.loop(), controller.signal);
    controller.abort();
    expect(isCancelled(await run.catch((caught: unknown) => caught))).to.equal(true);
    expect(bridge.running).to.equal(false);
  });

  it('stops an idle worker', async () => {
    const bridge = new WorkerBridge<EchoApi>(createEcho, { idleMs: 20 });
    await bridge.call((api) => api.echo('x'));
    expect(bridge.running).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(bridge.running).to.equal(false);
  });
});

describe('errors thrown in a worker', () => {
  it('keep their Problem, so the page words them in its language', async () => {
    const bridge = new WorkerBridge<EchoApi>(createEcho);
    try {
      const error = await bridge.call((api) => api.refuse('t10k-images')).catch((thrown: unknown) => thrown);
      expect(problemOf(error)).to.deep.equal({
        code: 'mnist.idxInvalid',
        params: { file: 't10k-images' },
        detail: 't10k-images: magic number 0',
      });
      expect(describeCause(error)).to.contain('t10k-images');
      const plain = await bridge.call((api) => api.fail()).catch((thrown: unknown) => thrown);
      expect(plain).to.be.instanceOf(Error);
      expect((plain as Error).name).to.equal('TypeError');
      expect(problemOf(plain)).to.equal(undefined);
    } finally {
      bridge.terminate();
    }
  });

  it('a watched worker that vanishes mid-call: the call rejects as a worker death within 5 s', async () => {
    const bridge = new WorkerBridge<EchoApi>(createEcho, {
      cancel: (api) => api.cancel(),
      ping: (api) => api.echo('ping'),
    });
    const run = bridge.call((api) => api.loop());
    const started = performance.now();
    await bridge.api.vanish();
    const error = await run.catch((caught: unknown) => caught);
    expect(performance.now() - started).to.be.below(5000);
    expect(isWorkerDeath(error)).to.equal(true);
    expect(describeCause(error)).to.match(/stopped by itself/);
    expect(bridge.running).to.equal(false);
  });

  it('an uncaught error in a watched worker is a worker death too, at once', async () => {
    const bridge = new WorkerBridge<EchoApi>(createEcho, { ping: (api) => api.echo('ping') });
    const run = bridge.call((api) => api.loop());
    const started = performance.now();
    await bridge.api.crash();
    const error = await run.catch((caught: unknown) => caught);
    expect(performance.now() - started).to.be.below(1000);
    expect(isWorkerDeath(error)).to.equal(true);
  });

  it('a watched worker busy for a long call but answering is left alone', async () => {
    const bridge = new WorkerBridge<EchoApi>(createEcho, {
      cancel: (api) => api.cancel(),
      ping: (api) => api.echo('ping'),
    });
    const controller = new AbortController();
    const run = bridge.call((api) => api.loop(), controller.signal);
    setTimeout(() => controller.abort(), 5000);
    expect(isCancelled(await run.catch((caught: unknown) => caught))).to.equal(true);
    bridge.terminate();
  });
});
