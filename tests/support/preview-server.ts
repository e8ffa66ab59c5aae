// Serves the built app (dist/) with `vite preview` on a free port for end-to-end tests and CLIs.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CSP_VIOLATION_LOG_PREFIX } from '../../scripts/vite/content-security-policy.ts';
import { assertNoCspViolations, recordCspViolation } from './csp-violations.ts';

const root = join(import.meta.dirname, '../..');

export const distDir = join(root, 'dist');

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The violation reports vite preview prints (from pages, workers and service workers alike) are recorded. */
function watchCspReports(child: ChildProcess): void {
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const at = line.indexOf(CSP_VIOLATION_LOG_PREFIX);
      if (at >= 0) recordCspViolation(`report: ${line.slice(at + CSP_VIOLATION_LOG_PREFIX.length).trim()}`);
    }
  });
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const server of running) server.kill();
});

/**
 * A server left open (an `after` hook that failed before closing it, e.g. on a CSP violation) neither
 * keeps the test process alive nor outlives it.
 */
function outliveNoTest(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as (typeof stream & { unref?(): void }) | null)?.unref?.();
}

/**
 * `outDir` serves another copy of the build, e.g. one a test modifies to publish an "update"; `base`
 * serves a build made with `--base` under that sub-path.
 */
export async function startPreviewServer(outDir = distDir, base = '/'): Promise<PreviewServer> {
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`${outDir} has no build: run \`npm run build\` first`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--outDir',
      outDir,
      '--base',
      base,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // "localhost" (not 127.0.0.1) so the page is a secure context for service workers, WebGPU and the camera.
  const url = `http://localhost:${port}`;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`vite preview did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(String(port))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`vite preview exited with ${code}: ${output}`)));
  });
  watchCspReports(child);
  outliveNoTest(child);
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // Unref'd while it runs (outliveNoTest); waiting for its exit must keep the process alive.
        child.ref();
        child.kill();
      });
      assertNoCspViolations(`reported to vite preview at ${url}`);
    },
  };
}
