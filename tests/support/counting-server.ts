// A static host for the built app that counts the bytes it sends: what a phone really downloads on a
// first visit (page and service worker together). It behaves like GitHub Pages: gzip for text types when
// the browser asks for it, ETags with 304 revalidation, and index.html for paths that are not files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.gzip': 'application/gzip',
};
const compressible = new Set(['.html', '.js', '.json', '.webmanifest', '.svg']);

export interface ServedFile {
  path: string;
  /** Bytes on the wire (gzip'ed where the host compresses; 0 for a 304). */
  sent: number;
}

export interface CountingServer {
  url: string;
  served: ServedFile[];
  close(): Promise<void>;
}

export interface CountingServerOptions {
  /** Holds the response to a path until the returned promise settles (a slow download, on demand). */
  hold?: (path: string) => Promise<void> | undefined;
}

/** What a static host answers (see the top of this file), as a request handler for node:http or node:http2. */
export function staticHostHandler(root: string, served: ServedFile[], options: CountingServerOptions = {}) {
  return async (request: IncomingMessage | Http2ServerRequest, response: ServerResponse | Http2ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    await options.hold?.(path);
    let file = normalize(join(root, path));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    const bytes = readFileSync(file);
    const etag = `"${createHash('sha1').update(bytes).digest('hex')}"`;
    const ext = extname(file);
    response.setHeader('content-type', types[ext] ?? 'application/octet-stream');
    response.setHeader('etag', etag);
    response.setHeader('cache-control', 'max-age=0, must-revalidate');
    if (request.headers['if-none-match'] === etag) {
      served.push({ path, sent: 0 });
      response.writeHead(304).end();
      return;
    }
    const gzip = compressible.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding']));
    const body = gzip ? gzipSync(bytes) : bytes;
    if (gzip) response.setHeader('content-encoding', 'gzip');
    response.setHeader('content-length', body.length);
    served.push({ path, sent: body.length });
    response.writeHead(200);
    if (request.method === 'HEAD') response.end();
    else response.end(body);
  };
}

export async function startCountingServer(root: string, options: CountingServerOptions = {}): Promise<CountingServer> {
  const served: ServedFile[] = [];
  const server = createServer(staticHostHandler(root, served, options));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Left open by an `after` hook that failed early, it must not keep the test process alive.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost" keeps the page a secure context (service workers, camera).
    url: `http://localhost:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
