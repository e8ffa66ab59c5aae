// A page's and its workers' memory through the Chrome DevTools Protocol, for the soak and the large
// dataset test. Playwright opens CDP sessions on pages only, so a worker is reached through the page's
// session (Target.attachToTarget without flattening, messages relayed by Target.sendMessageToTarget).
import type { CDPSession, Page } from 'playwright-core';

export interface HeapUsage {
  /** V8's used heap: JS objects. */
  usedSize: number;
  /** ArrayBuffer backing stores (decoded pixels, file bytes…): outside the JS heap, easy to overlook. */
  backingStorageSize: number;
}

interface Relay {
  send(method: string, params?: object): Promise<unknown>;
}

export interface MemoryProbe {
  /** The page's heap after a forced collection (or as it is, garbage included, with `collect: false`). */
  page(options?: { collect?: boolean }): Promise<HeapUsage & { domNodes: number }>;
  /** The heap of the first worker whose URL contains `urlPart`, after a forced collection unless told not to; undefined when none runs. */
  worker(urlPart: string, options?: { collect?: boolean }): Promise<HeapUsage | undefined>;
}

export async function memoryProbe(page: Page): Promise<MemoryProbe> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const relays = new Map<string, Relay>();
  const pending = new Map<string, (message: { result?: unknown; error?: { message: string } }) => void>();
  let nextId = 0;
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    const key = `${event.sessionId}/${message.id}`;
    pending.get(key)?.(message);
    pending.delete(key);
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    for (const [targetId] of relays) if (event.targetId === targetId) relays.delete(targetId);
  });

  async function relay(targetId: string): Promise<Relay> {
    const known = relays.get(targetId);
    if (known) return known;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    const created: Relay = {
      send: (method, params = {}) =>
        new Promise((resolve, reject) => {
          const id = ++nextId;
          pending.set(`${sessionId}/${id}`, (message) =>
            message.error ? reject(new Error(message.error.message)) : resolve(message.result),
          );
          cdp
            .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
            .catch(reject);
        }),
    };
    relays.set(targetId, created);
    return created;
  }

  return {
    async page({ collect = true } = {}) {
      if (collect) await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return {
        usedSize: usage.usedSize,
        backingStorageSize: (usage as { backingStorageSize?: number }).backingStorageSize ?? 0,
        domNodes: metrics.find((m) => m.name === 'Nodes')?.value ?? Number.NaN,
      };
    },
    async worker(urlPart, { collect = true } = {}) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
      if (!target) return undefined;
      const worker = await relay(target.targetId);
      if (collect) await worker.send('HeapProfiler.collectGarbage');
      const usage = (await worker.send('Runtime.getHeapUsage')) as HeapUsage;
      return { usedSize: usage.usedSize, backingStorageSize: usage.backingStorageSize ?? 0 };
    },
  };
}
