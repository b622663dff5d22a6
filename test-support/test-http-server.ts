import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Answers one request; may be async, and may return anything (so `(_req, res) => res.end('x')`
 * is fine). Unregistered paths answer 404.
 */
export type TestRouteHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** One request the server received, in arrival order. */
export interface TestRequest {
  /** The path without the query string ("/page"). */
  path: string;
  /** The query string parameters. */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:41234". */
  url: string;
  /** Every request received so far. */
  requests: TestRequest[];
  /** Stops the server, destroying open connections (endless responses included). */
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) for tests of code that fetches: no fetch mocks,
 * so redirects, timeouts, charsets and cancelled bodies behave as they do in the browser.
 *
 * ```ts
 * const server = await startTestServer({
 *   '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Hi</title>'),
 * });
 * await fetch(`${server.url}/page`);
 * await server.close(); // in afterEach/afterAll
 * ```
 * Routes match the path exactly (query string ignored). A handler that throws answers 500.
 */
export async function startTestServer(routes: Record<string, TestRouteHandler>): Promise<TestServer> {
  const requests: TestRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: parsed.pathname, query: parsed.searchParams, headers: req.headers });
    const handler = routes[parsed.pathname];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
