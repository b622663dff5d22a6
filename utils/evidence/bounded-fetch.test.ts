import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailed, fetchBounded, fetchJson, type BoundedFetchOptions } from './bounded-fetch';
import { startTestServer, type TestServer } from '../../test-support/test-http-server';

const FIFTY_MB = 50 * 1024 * 1024;

/** Writes `total` bytes in 64 KB chunks, honouring backpressure; reports whether it finished. */
function stream(res: ServerResponse, total: number, onEnd: (finished: boolean) => void): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = (): void => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => onEnd(sent >= total && res.writableFinished));
  pump();
}

let server: TestServer;
const finished: Record<string, boolean> = {};
/** Resolvers for the next request to reach each path: proof that a request is in flight. */
const arrivals = new Map<string, () => void>();
const nextArrival = (path: string) => new Promise<void>((resolve) => arrivals.set(path, resolve));

beforeAll(async () => {
  server = await startTestServer({
    '/page': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>olá</p>'),
    '/hop1': (_req, res) => res.writeHead(302, { location: '/hop2' }).end(),
    '/hop2': (_req, res) => res.writeHead(301, { location: '/page?from=hop2' }).end(),
    '/missing': (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>'),
    // Never answers: only the client's deadline or its abort can end the request.
    '/slow-headers': () => arrivals.get('/slow-headers')?.(),
    '/slow-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>first bytes');
    },
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<title>Huge</title>');
      stream(res, FIFTY_MB, (done) => (finished.huge = done));
    },
    '/huge-image': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      stream(res, FIFTY_MB, (done) => (finished.image = done));
    },
    '/latin1-header': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' })
        .end(Buffer.from('<p>Informação pública, à noite</p>', 'latin1')),
    '/latin1-meta': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          Buffer.from(
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>Coração</body></html>',
            'latin1',
          ),
        ),
    '/cut-in-char': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ab€'),
    '/unknown-charset': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain; charset=x-no-such-thing' }).end('plain'),
    '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
    '/not-json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops'),
    '/big-json': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(5_000)}"`),
    '/echo-headers': (req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers)),
    '/pdf': (_req, res) =>
      res
        .writeHead(200, {
          'content-type': 'application/pdf',
          'content-disposition': 'inline; filename="report.pdf"',
        })
        .end('%PDF-1.7'),
  });
});

afterAll(() => server.close());

const options = (overrides: Partial<BoundedFetchOptions> = {}): BoundedFetchOptions => ({
  signal: new AbortController().signal,
  timeoutMs: 2_000,
  maxBytes: 100_000,
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<FetchFailed> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchFailed);
  return err as FetchFailed;
}

describe('fetchBounded', () => {
  it('reads a page and reports its media type and status', async () => {
    const response = await fetchBounded(`${server.url}/page`, options());
    expect(response).toMatchObject({
      url: `${server.url}/page`,
      status: 200,
      mediaType: 'text/html',
      text: '<p>olá</p>',
      truncated: false,
    });
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('follows a redirect chain and reports the final URL', async () => {
    const response = await fetchBounded(`${server.url}/hop1`, options());
    expect(response.url).toBe(`${server.url}/page?from=hop2`);
    expect(response.text).toBe('<p>olá</p>');
  });

  it("refuses an answer from a redirect into the reader's own network, on another origin", async () => {
    // Both servers are on 127.0.0.1: to the fetch, the first is the public page that redirects.
    const local = await startTestServer({ '/admin': (_req, res) => res.end('router settings') });
    const redirecting = await startTestServer({
      '/story': (_req, res) => res.writeHead(302, { location: `${local.url}/admin` }).end(),
    });
    try {
      const err = await failure(fetchBounded(`${redirecting.url}/story`, options()));
      expect(err.message).toBe(
        `${redirecting.url}/story redirects to ${new URL(local.url).host}, on your own computer or network: Footnote does not follow it.`,
      );
    } finally {
      await Promise.all([local.close(), redirecting.close()]);
    }
  });

  it('rejects a 404 with the status', async () => {
    const err = await failure(fetchBounded(`${server.url}/missing`, options()));
    expect(err.status).toBe(404);
    expect(err.message).toBe(`${server.url}/missing answered HTTP 404.`);
    expect(err.timedOut).toBe(false);
  });

  it('gives up on slow headers with a timeout message', async () => {
    const started = performance.now();
    const err = await failure(fetchBounded(`${server.url}/slow-headers`, options({ timeoutMs: 300 })));
    // The server never answers, so the message proves the deadline fired; a loose lower bound
    // proves it was not early (timers may fire a little before the measured 300 ms).
    expect(err.message).toBe(`${server.url}/slow-headers did not answer within 300 ms.`);
    expect(err.timedOut).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('gives up on a body that stalls, with a timeout message in seconds', async () => {
    let headersArrived = false;
    const err = await failure(
      fetchBounded(`${server.url}/slow-body`, options({ timeoutMs: 1_000 }), () => (headersArrived = true)),
    );
    expect(headersArrived).toBe(true); // the deadline cut the body, not the wait for headers
    expect(err.message).toBe(`${server.url}/slow-body did not answer within 1 s.`);
  });

  it('stops reading at maxBytes and cancels the download', async () => {
    const response = await fetchBounded(`${server.url}/huge`, options({ maxBytes: 1_000 }));
    expect(response.truncated).toBe(true);
    expect(response.text).toHaveLength(1_000);
    expect(response.text.startsWith('<title>Huge</title>aaa')).toBe(true);
    // The server saw its 50 MB response closed unfinished: the client stopped downloading.
    await expect.poll(() => finished.huge, { timeout: 10_000 }).toBe(false);
  });

  it('does not read the body when readBody declines the media type', async () => {
    const seen: string[] = [];
    const response = await fetchBounded(`${server.url}/huge-image`, options(), (mediaType) => {
      seen.push(mediaType);
      return false;
    });
    expect(seen).toEqual(['image/png']);
    expect(response).toMatchObject({ mediaType: 'image/png', text: '', truncated: false });
    await expect.poll(() => finished.image, { timeout: 10_000 }).toBe(false);
  });

  it('keeps the response headers when the body is not read', async () => {
    const response = await fetchBounded(`${server.url}/pdf`, options(), () => false);
    expect(response.headers.get('content-disposition')).toBe('inline; filename="report.pdf"');
  });

  it('decodes the charset named in Content-Type', async () => {
    const response = await fetchBounded(`${server.url}/latin1-header`, options());
    expect(response.text).toBe('<p>Informação pública, à noite</p>');
  });

  it('decodes the charset named in a <meta> when the header names none', async () => {
    const response = await fetchBounded(`${server.url}/latin1-meta`, options());
    expect(response.text).toContain('<body>Coração</body>');
  });

  it('drops a character cut in half by maxBytes instead of garbling it', async () => {
    const response = await fetchBounded(`${server.url}/cut-in-char`, options({ maxBytes: 3 }));
    expect(response).toMatchObject({ text: 'ab', truncated: true });
  });

  it('falls back to UTF-8 for an unknown charset label', async () => {
    const response = await fetchBounded(`${server.url}/unknown-charset`, options());
    expect(response.text).toBe('plain');
  });

  it('sends the given headers without cookies', async () => {
    const response = await fetchBounded(
      `${server.url}/echo-headers`,
      options({ headers: { accept: 'text/html' } }),
    );
    const headers = JSON.parse(response.text) as Record<string, string>;
    expect(headers.accept).toBe('text/html');
    expect(headers.cookie).toBeUndefined();
  });

  // A deadline far past the test's own timeout: only the abort can end these requests in time.
  it('rejects as cancelled when the caller aborts mid-request', async () => {
    const controller = new AbortController();
    const arrived = nextArrival('/slow-headers');
    const pending = fetchBounded(
      `${server.url}/slow-headers`,
      options({ signal: controller.signal, timeoutMs: 60_000 }),
    );
    await arrived;
    controller.abort();
    expect((await failure(pending)).message).toBe('Cancelled.');
  });

  it('rejects as cancelled when the caller aborts mid-body', async () => {
    const controller = new AbortController();
    let headersArrived!: () => void;
    const reading = new Promise<void>((resolve) => (headersArrived = resolve));
    const pending = fetchBounded(
      `${server.url}/slow-body`,
      options({ signal: controller.signal, timeoutMs: 60_000 }),
      () => {
        headersArrived(); // the headers are in and the body is about to be read
        return true;
      },
    );
    await reading;
    controller.abort(new Error('note cancelled'));
    expect((await failure(pending)).message).toBe('Cancelled.');
  });

  it('rejects an unreachable host with the reason', async () => {
    const closed = await startTestServer({});
    const url = `${closed.url}/gone`;
    await closed.close();
    const err = await failure(fetchBounded(url, options()));
    expect(err.message).toMatch(new RegExp(`^${url} could not be reached \\(.+\\)\\.$`));
    expect(err.status).toBeUndefined();
  });
});

describe('fetchJson', () => {
  it('parses JSON', async () => {
    await expect(fetchJson(`${server.url}/json`, options())).resolves.toEqual({ ok: true });
  });

  it('rejects a body that is not JSON', async () => {
    expect((await failure(fetchJson(`${server.url}/not-json`, options()))).message).toBe(
      `${server.url}/not-json did not answer JSON.`,
    );
  });

  it('rejects JSON longer than maxBytes rather than parsing half of it', async () => {
    expect((await failure(fetchJson(`${server.url}/big-json`, options({ maxBytes: 100 })))).message).toBe(
      `${server.url}/big-json answered more than 100 bytes.`,
    );
  });

  it('rejects an HTTP error with its status', async () => {
    expect((await failure(fetchJson(`${server.url}/missing`, options()))).status).toBe(404);
  });
});
