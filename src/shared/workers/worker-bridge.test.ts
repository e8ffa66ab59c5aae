import { expect } from '@esm-bundle/chai';
import { isCancelled } from '../cancelled.ts';
import type { EchoApi } from './fixtures/echo.worker.ts';
import { WorkerBridge } from './worker-bridge.ts';

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
