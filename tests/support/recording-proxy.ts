// An HTTP proxy for Chromium (`--proxy-server`, with `--proxy-bypass-list=<-loopback>` so that even
// localhost goes through it) that forwards only to the app under test and records everything else
// instead of sending it: HTTPS tunnels (CONNECT), WebSocket upgrades and plain requests to any other
// host. Everything the browser's network stack sends passes here, whoever sends it: pages, workers, the
// service worker, beacons, prefetches.
import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordingProxy {
  /** For `--proxy-server`. */
  url: string;
  /** Paths forwarded to the app ("GET /assets/…"), in order. */
  forwarded: string[];
  /** Everything refused because it was bound elsewhere ("CONNECT example.com:443", "GET http://…"). */
  offOrigin: string[];
  close(): Promise<void>;
}

/** `app` is the origin the proxy may forward to, e.g. http://localhost:4173 (served on 127.0.0.1). */
export async function startRecordingProxy(app: string): Promise<RecordingProxy> {
  const appUrl = new URL(app);
  const forwarded: string[] = [];
  const offOrigin: string[] = [];
  const sockets = new Set<Socket>();
  const isApp = (request: IncomingMessage) => {
    try {
      return new URL(request.url ?? '').host === appUrl.host;
    } catch {
      return false;
    }
  };

  const server = createServer((request, response) => {
    if (!isApp(request)) {
      offOrigin.push(`${request.method} ${request.url}`);
      response.writeHead(403).end();
      return;
    }
    const { pathname, search } = new URL(request.url ?? '');
    forwarded.push(`${request.method} ${pathname}`);
    const headers = { ...request.headers };
    delete headers['proxy-connection'];
    const upstream = forward(
      { host: '127.0.0.1', port: appUrl.port, method: request.method, path: `${pathname}${search}`, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The app is plain http on localhost, so any tunnel is bound elsewhere.
  server.on('connect', (request: IncomingMessage, socket: Socket) => {
    offOrigin.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  // The app opens no WebSocket at all, to itself or elsewhere.
  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    offOrigin.push(`UPGRADE ${request.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Left open by an `after` hook that failed early, it must not keep the test process alive.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    offOrigin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
