import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../../test-support/png-bytes';
import { startTestServer, type TestServer } from '../../test-support/test-http-server';
import { fetchImage, type ImageFetchDeps } from './image-fetch';
import { ImageSkipped } from './image-skipped';

const PNG = pngBytes(30, 20);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>hi</text></svg>';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/photo.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG),
    '/untyped': (_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PNG),
    '/mislabelled.jpg': (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(PNG),
    '/drawing.svg': (_req, res) => res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG),
    '/svg-as-png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(SVG),
    '/html-as-png': (_req, res) =>
      res.writeHead(200, { 'content-type': 'image/png' }).end('<!doctype html><title>Login</title>'),
    '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Hi</title>'),
    '/gone': (_req, res) => res.writeHead(410, { 'content-type': 'text/plain' }).end('Gone'),
    // Never answers: only the deadline ends the request.
    '/silent': () => undefined,
  });
});
afterAll(() => server.close());

/** The test server is on 127.0.0.1, which Footnote never requests unless told. */
const deps = (overrides: Partial<ImageFetchDeps> = {}): ImageFetchDeps => ({
  canFetch: () => Promise.resolve(true),
  isBlockedHost: () => false,
  ...overrides,
});
const signal = () => new AbortController().signal;

async function reason(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ImageSkipped)) throw new Error(`expected ImageSkipped, got ${String(err)}`);
  return err.reason;
}

describe('fetchImage', () => {
  it('reads a picture with its format and size, asking for pictures only', async () => {
    const image = await fetchImage(`${server.url}/photo.png`, signal(), deps());
    expect(image).toMatchObject({ format: 'png', size: { width: 30, height: 20 } });
    expect(Buffer.from(image.bytes).equals(PNG)).toBe(true);
    expect(server.requests.at(-1)?.headers.accept).toMatch(/^image\/avif,image\/webp,/);
  });

  it('believes the bytes, not the label', async () => {
    expect((await fetchImage(`${server.url}/untyped`, signal(), deps())).format).toBe('png');
    expect((await fetchImage(`${server.url}/mislabelled.jpg`, signal(), deps())).format).toBe('png');
  });

  it('never takes an SVG, labelled as one or not', async () => {
    expect(await reason(fetchImage(`${server.url}/drawing.svg`, signal(), deps()))).toBe('svg');
    expect(await reason(fetchImage(`${server.url}/svg-as-png`, signal(), deps()))).toBe('svg');
  });

  it('refuses what is not a picture: by its type, or by its bytes', async () => {
    expect(await reason(fetchImage(`${server.url}/page`, signal(), deps()))).toBe('not_image');
    expect(await reason(fetchImage(`${server.url}/html-as-png`, signal(), deps()))).toBe('not_image');
  });

  it('says an HTTP error made it unavailable', async () => {
    expect(await reason(fetchImage(`${server.url}/gone`, signal(), deps()))).toBe('unavailable');
    expect(await reason(fetchImage(`${server.url}/nowhere`, signal(), deps()))).toBe('unavailable');
  });

  it('stops reading past the byte cap', async () => {
    const capped = deps({ maxBytes: PNG.length - 1 });
    expect(await reason(fetchImage(`${server.url}/photo.png`, signal(), capped))).toBe('too_large');
  });

  it('gives up on a host that never answers', async () => {
    const quick = deps({ timeoutMs: 200 });
    expect(await reason(fetchImage(`${server.url}/silent`, signal(), quick))).toBe('timeout');
  });

  it('rejects with the abort, not a reason, when cancelled', async () => {
    const controller = new AbortController();
    const fetching = fetchImage(`${server.url}/silent`, controller.signal, deps({ timeoutMs: 60_000 }));
    controller.abort(new DOMException('Cancelled.', 'AbortError'));
    await expect(fetching).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("requests nothing without the host permission, or on the reader's own network", async () => {
    const before = server.requests.length;
    const refused = deps({ canFetch: () => Promise.resolve(false) });
    expect(await reason(fetchImage(`${server.url}/photo.png`, signal(), refused))).toBe('no_permission');
    expect(
      await reason(
        fetchImage(`${server.url}/photo.png`, signal(), { canFetch: () => Promise.resolve(true) }),
      ),
    ).toBe('no_permission');
    expect(server.requests.length).toBe(before);
  });

  it('takes only http(s) addresses', async () => {
    for (const address of ['data:image/png;base64,iVBORw0KGgo=', 'javascript:alert(1)', '/relative.png', ''])
      expect(await reason(fetchImage(address, signal(), deps()))).toBe('no_address');
  });
});
