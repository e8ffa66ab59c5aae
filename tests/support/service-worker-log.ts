// What the browser's service-worker machinery did, from the DevTools protocol: every version's status
// (installing → installed → activating → activated → redundant) and running state, with a timestamp.
// Update tests print it when they fail, so a stuck update shows which version stopped where.
import type { Page } from 'playwright-core';

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  status: string;
  runningStatus: string;
  controlledClients?: string[];
}

export interface ServiceWorkerLog {
  /** One line per change, oldest first. */
  lines(): string[];
  /** Adds a line of the test's own (a console message, say) at its time. */
  note(text: string): void;
  stop(): Promise<void>;
}

export async function watchServiceWorkers(page: Page): Promise<ServiceWorkerLog> {
  const cdp = await page.context().newCDPSession(page);
  const started = Date.now();
  const lines: string[] = [];
  const last = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: WorkerVersion[] }) => {
    for (const version of versions) {
      const clients = version.controlledClients?.length ?? 0;
      const state = `${version.status}/${version.runningStatus} controls ${clients}`;
      if (last.get(version.versionId) === state) continue;
      last.set(version.versionId, state);
      lines.push(`${((Date.now() - started) / 1000).toFixed(1)} s: version ${version.versionId} ${state}`);
    }
  });
  cdp.on('ServiceWorker.workerErrorReported', ({ errorMessage }: { errorMessage: { errorMessage: string } }) => {
    lines.push(`${((Date.now() - started) / 1000).toFixed(1)} s: error ${errorMessage.errorMessage}`);
  });
  await cdp.send('ServiceWorker.enable');
  return {
    lines: () => [...lines],
    note: (text) => lines.push(`${((Date.now() - started) / 1000).toFixed(1)} s: ${text}`),
    stop: () => cdp.detach().catch(() => {}),
  };
}
