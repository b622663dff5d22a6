import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GatheredEvidence } from '../core/evidence';
import type { PageReadingDeps } from './page-evidence';
import { createSuggestedSourceReader } from './suggested-source';
import { startTestServer, type TestServer } from '../../test-support/test-http-server';

const ARTICLE = `<!doctype html><html><head><title>Dam report</title>
  <meta property="og:site_name" content="River Times"></head>
  <body><article><p>Engineers inspected the dam on Monday and found no structural cracks.</p></article></body></html>`;

let server: TestServer;
/** Resolvers for the next request to /slow: proof that it is in flight. */
let slowArrived: () => void = () => {};

beforeAll(async () => {
  server = await startTestServer({
    '/article': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE),
    '/moved': (_req, res) => res.writeHead(301, { location: '/article?ref=moved' }).end(),
    '/photo': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(64)),
    '/untyped': (_req, res) => res.end('just bytes'),
    '/empty-page': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head></head><body> </body></html>'),
    '/empty.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('   '),
    '/report.pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'),
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`The start of a long record. ${'More rows. '.repeat(100_000)}`);
    },
    '/slow': () => slowArrived(),
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const at = (path: string) => `${server.url}${path}`;

/** The reader with everything allowed and the test server not treated as private. */
function read(url: string, deps: Partial<PageReadingDeps> = {}, signal = new AbortController().signal) {
  return createSuggestedSourceReader({
    canFetch: async () => true,
    isBlockedHost: () => false,
    timeoutMs: 2_000,
    ...deps,
  })(url, signal);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return (err as Error).message;
}

describe('a suggested source', () => {
  it('is read like a linked page, as evidence of its own kind', async () => {
    expect(await read(at('/article#comments'))).toEqual<GatheredEvidence>({
      kind: 'suggested',
      url: at('/article'),
      title: 'Dam report',
      publisher: 'River Times',
      excerpt: 'Engineers inspected the dam on Monday and found no structural cracks.',
      publishedAt: null,
      review: null,
    });
    expect(server.requests[0]?.headers.cookie).toBeUndefined();
  });

  it('is the address it was redirected to', async () => {
    await expect(read(at('/moved'))).resolves.toMatchObject({ url: at('/article?ref=moved') });
  });

  it.each(['javascript:alert(1)', 'ftp://example.org/file.txt', 'data:text/html,<p>hi</p>', 'not a url', ''])(
    'must be a web address: %s is refused without a request',
    async (value) => {
      expect(await failure(read(value))).toBe(
        'Only web pages can be sources: paste an address that starts with https:// or http://.',
      );
      expect(server.requests).toEqual([]);
    },
  );

  it('may not carry a user name and password', async () => {
    expect(await failure(read(at('/article').replace('://', '://me:secret@')))).toBe(
      'Remove the user name and password from the address: Footnote does not send them.',
    );
    expect(server.requests).toEqual([]);
  });

  it.each(['http://127.0.0.1:8080/', 'http://192.168.1.1/admin', 'http://router/', 'http://[::1]/'])(
    "is never on the reader's own machine or network: %s is refused without a request",
    async (value) => {
      const reader = createSuggestedSourceReader({ canFetch: async () => true });
      expect(await failure(reader(value, new AbortController().signal))).toBe(
        'The address is on your own computer or network, which Footnote never reads: suggest a public web page.',
      );
    },
  );

  it('needs the permission linked pages need, and says where to give it', async () => {
    const canFetch = async (url: string) => {
      if (url.includes('slow')) throw new Error('bad pattern');
      return false;
    };
    const message = `Footnote may not read pages on ${new URL(server.url).host}. To use it as a source, allow reading linked pages in Footnote's options.`;
    expect(await failure(read(at('/article'), { canFetch }))).toBe(message);
    expect(await failure(read(at('/slow'), { canFetch }))).toBe(message);
    expect(server.requests).toEqual([]);
  });

  it('that never answers fails at the deadline, saying so', async () => {
    const arrived = new Promise<void>((resolve) => (slowArrived = resolve));
    const message = failure(read(at('/slow'), { timeoutMs: 300 }));
    await arrived;
    // /slow never answers: the message can only come from the 300 ms deadline firing.
    expect(await message).toBe(`${at('/slow')} did not answer within 300 ms.`);
  });

  it('that is not a page or a text is refused, naming what it is', async () => {
    expect(await failure(read(at('/photo')))).toBe(
      `${at('/photo')} is image/png, not something Footnote can read: suggest a web page or a text file.`,
    );
    expect(await failure(read(at('/untyped')))).toBe(
      `${at('/untyped')} is of no stated type, not something Footnote can read: suggest a web page or a text file.`,
    );
  });

  it('with no text is refused', async () => {
    for (const path of ['/empty-page', '/empty.txt']) {
      expect(await failure(read(at(path)))).toBe(
        `${at(path)} has no text Footnote can read: suggest the page with the article itself.`,
      );
    }
  });

  it('that is a PDF is refused: the model would get nothing new to read', async () => {
    await expect(read(at('/report.pdf'))).rejects.toThrow(
      `${at('/report.pdf')} is a PDF, whose text Footnote cannot read: suggest a web page that says the same.`,
    );
  });

  it('that is huge is read up to the cap, not refused', async () => {
    const item = await read(at('/huge'), { maxBytes: 4_096 });
    expect(item.excerpt).toMatch(/^The start of a long record\. More rows\./);
  });

  it('that fails with an HTTP error says which', async () => {
    expect(await failure(read(at('/missing')))).toBe(`${at('/missing')} answered HTTP 404.`);
  });
});
