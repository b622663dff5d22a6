import type { Worker } from '@playwright/test';
import { bundleScript } from '../test-support/bundle-script';
import { pngBytes } from '../test-support/png-bytes';
import { samplePost } from '../test-support/sample-post';
import { startTestServer, type TestRouteHandler, type TestServer } from '../test-support/test-http-server';
import { estimateImageTokens } from '../utils/ai/image-tokens';
import { ENCODED_BYTES_MAX } from '../utils/background/post-images';
import type { Post, PostMedia } from '../utils/core/post';
import type { ImagePreparer, PreparedImages } from '../utils/notes/note-engine-deps';
import { configureEvidence, expect, test, withGrantedHosts } from './fixtures';

// A post's pictures in real Chromium (issue #17): the background's image preparer, bundled from
// its source (e2e/post-images-worker.ts) and run in the extension's service worker with the
// extension's permissions, fetches pictures from a local server, downsizes them with
// createImageBitmap and OffscreenCanvas, and says why each one it leaves out was left out.

/** A public name for the local image server (Chromium resolves it to 127.0.0.1), granted like a Mastodon instance's media host. */
const IMAGE_HOST = 'media.images.example';
test.use({
  launch: { args: [`--host-resolver-rules=MAP ${IMAGE_HOST} 127.0.0.1`] },
  extensionDir: withGrantedHosts([`http://${IMAGE_HOST}/*`]),
});

type Rgba = [number, number, number, number];
/** A photograph's smooth colours with a little grain, so JPEG sizes are a photo's, not a diagram's. */
const photo = (x: number, y: number): Rgba => {
  const grain = (((x * 73_856_093) ^ (y * 19_349_663)) >>> 0) % 13;
  return [
    (128 + 90 * Math.sin(x / 97) * Math.cos(y / 131) + grain) | 0,
    (120 + 80 * Math.sin((x + y) / 173) + grain) | 0,
    (110 + 70 * Math.cos(x / 59 - y / 83) + grain) | 0,
    255,
  ];
};
/** A phone screenshot of a post: lines of dark "text" on white. */
const screenshot = (x: number, y: number): Rgba =>
  y % 48 < 22 && x > 60 && x < 1110 && (x >> 3) % 9 !== 0 ? [20, 24, 28, 255] : [255, 255, 255, 255];
/** Transparent on the left (black, as transparent pixels often are), opaque red on the right. */
const halfTransparent = (x: number): Rgba => (x < 1_500 ? [0, 0, 0, 0] : [200, 30, 30, 255]);

const WIDE = pngBytes(3_000, 2_000, halfTransparent);
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><text y="20">Breaking</text></svg>';

let server: TestServer;
let imagesUrl = '';
/** Set by the measuring test: a JPEG Chromium encoded (the sites serve JPEG and WebP). */
let photoJpeg = Buffer.alloc(0);
let preparerScript = '';

test.beforeAll(async () => {
  const sized =
    (bytes: Uint8Array, type: string): TestRouteHandler =>
    (_req, res) =>
      res.writeHead(200, { 'content-type': type }).end(bytes);
  server = await startTestServer({
    '/wide.png': sized(WIDE, 'image/png'),
    '/drawing.svg': sized(Buffer.from(SVG), 'image/svg+xml'),
    '/login.png': sized(Buffer.from('<!doctype html><title>Log in to see this picture</title>'), 'image/png'),
    // Past the 8 MB Footnote reads, JPEG's magic number first.
    '/huge.jpg': sized(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(9_000_000)]),
      'image/jpeg',
    ),
    // Never answers: only the preparer's deadline ends the request.
    '/silent.jpg': () => undefined,
    '/photo-large.png': sized(pngBytes(2_048, 1_536, photo), 'image/png'),
    '/photo.jpg': (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photoJpeg),
    '/photo-medium.png': sized(pngBytes(1_200, 900, photo), 'image/png'),
    '/photo-small.png': sized(pngBytes(680, 510, photo), 'image/png'),
    '/screenshot.png': sized(pngBytes(1_170, 2_532, screenshot), 'image/png'),
  });
  imagesUrl = `http://${IMAGE_HOST}:${new URL(server.url).port}`;
  preparerScript = await bundleScript('e2e/post-images-worker.ts', 'footnoteImages');
});
test.afterAll(() => server.close());

test.beforeEach(async ({ context, serviceWorker }) => {
  // Past the fixtures' offline guard, to the local server (the response is not intercepted).
  await context.route(
    (url) => url.hostname === IMAGE_HOST,
    (route) => route.continue(),
  );
  await serviceWorker.evaluate(preparerScript);
});

declare global {
  var footnoteImagePreparer: ImagePreparer | undefined;
}

const media = (imageUrls: string[]): PostMedia => ({
  imageAlts: imageUrls.map(() => 'Image'),
  imageUrls,
  hasVideo: false,
});
function postWith(own: string[], quoted: string[] = []): Post {
  const post = samplePost({ media: media(own) });
  return quoted.length ? { ...post, quoted: { ...post, id: 'quoted', media: media(quoted) } } : post;
}

/** Runs the preparer in the service worker; how long it took there. */
function prepare(
  serviceWorker: Worker,
  post: Post,
): Promise<{ prepared: PreparedImages | null; ms: number }> {
  return serviceWorker.evaluate(async (post) => {
    const started = performance.now();
    const prepared = await globalThis.footnoteImagePreparer!.prepare(post, new AbortController().signal);
    return { prepared, ms: performance.now() - started };
  }, post);
}

/** Chromium's own reading of a data: URL the preparer made: its type, size and some pixels. */
function readBack(serviceWorker: Worker, dataUrl: string, points: [number, number][]) {
  return serviceWorker.evaluate(
    async ({ dataUrl, points }) => {
      const blob = await (await fetch(dataUrl)).blob();
      const bitmap = await createImageBitmap(blob);
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const pixels = points.map(([x, y]) => [...context.getImageData(x, y, 1, 1).data]);
      return { type: blob.type, size: blob.size, width: bitmap.width, height: bitmap.height, pixels };
    },
    { dataUrl, points },
  );
}

const near = (actual: number[], expected: number[]) =>
  expect(
    actual.every((value, i) => Math.abs(value - expected[i]!) <= 8),
    `${actual} ≈ ${expected}`,
  ).toBe(true);

test('a 3000 × 2000 PNG goes as a 1024 × 683 JPEG on white; a 404, an SVG and a page called a PNG are left out, saying why', async ({
  serviceWorker,
}) => {
  const post = postWith(
    [`${imagesUrl}/wide.png`, `${imagesUrl}/missing.jpg`, `${imagesUrl}/drawing.svg`],
    [`${imagesUrl}/login.png`, ''],
  );
  const { prepared } = await prepare(serviceWorker, post);
  expect(prepared?.skipped).toEqual([
    { of: 'post', index: 2, reason: 'unavailable' },
    { of: 'post', index: 3, reason: 'svg' },
    { of: 'quoted', index: 1, reason: 'not_image' },
    { of: 'quoted', index: 2, reason: 'no_address' },
  ]);
  expect(prepared?.images).toHaveLength(1);
  const sent = prepared!.images[0]!;
  expect(sent).toMatchObject({ of: 'post', index: 1, width: 1024, height: 683 });
  expect(sent.dataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//); // FF D8 FF: a JPEG
  expect(sent.bytes).toBeLessThanOrEqual(ENCODED_BYTES_MAX);

  const seen = await readBack(serviceWorker, sent.dataUrl, [
    [100, 340], // was transparent
    [900, 340], // was opaque red
  ]);
  expect(seen).toMatchObject({ type: 'image/jpeg', size: sent.bytes, width: 1024, height: 683 });
  near(seen.pixels[0]!, [255, 255, 255, 255]);
  near(seen.pixels[1]!, [200, 30, 30, 255]);
});

test('a file past the byte cap, a host that never answers and a host Footnote may not read are left out; the fifth picture is over the limit', async ({
  serviceWorker,
}) => {
  const elsewhere = 'https://pictures.elsewhere.example/photo.png';
  const post = postWith(
    [`${imagesUrl}/huge.jpg`, `${imagesUrl}/silent.jpg`, elsewhere, `${imagesUrl}/wide.png`],
    [`${imagesUrl}/wide.png`],
  );
  const { prepared } = await prepare(serviceWorker, post);
  expect(prepared?.skipped).toEqual([
    { of: 'post', index: 1, reason: 'too_large' },
    { of: 'post', index: 2, reason: 'timeout' },
    { of: 'post', index: 3, reason: 'no_permission' },
    { of: 'quoted', index: 1, reason: 'over_limit' },
  ]);
  expect(prepared?.images.map((image) => image.index)).toEqual([4]);
});

test("X's picture host needs no grant, and gets neither cookies nor the page's address", async ({
  context,
  serviceWorker,
}) => {
  const url = 'https://pbs.twimg.com/media/GZx1a2bWwAAtest?format=png&name=medium';
  await context.addCookies([{ name: 'auth_token', value: 'secret', domain: '.twimg.com', path: '/' }]);
  const headers: Record<string, string>[] = [];
  await context.route(url, async (route) => {
    headers.push(route.request().headers());
    await route.fulfill({
      status: 200,
      contentType: 'image/png',
      body: Buffer.from(pngBytes(1_200, 675, photo)),
    });
  });
  const { prepared } = await prepare(serviceWorker, postWith([url]));
  expect(prepared?.skipped).toEqual([]);
  expect(prepared?.images[0]).toMatchObject({ width: 1024, height: 576 });
  expect(headers).toHaveLength(1);
  expect(headers[0]).not.toHaveProperty('cookie');
  expect(headers[0]).not.toHaveProperty('referer');
});

test('switched off in options, no picture is fetched', async ({ serviceWorker }) => {
  await configureEvidence(serviceWorker, { sendImages: false });
  const before = server.requests.length;
  expect((await prepare(serviceWorker, postWith([`${imagesUrl}/wide.png`]))).prepared).toBeNull();
  // Switched back on, the same post's picture is the one request the server saw.
  await configureEvidence(serviceWorker, { sendImages: true });
  expect((await prepare(serviceWorker, postWith([`${imagesUrl}/wide.png`]))).prepared?.images).toHaveLength(
    1,
  );
  expect(server.requests.slice(before).map((request) => request.path)).toEqual(['/wide.png']);
});

/** The p-th percentile of `values` (nearest rank). */
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]!;

test('measured: bytes, estimated tokens and time per picture sent', async ({ serviceWorker }) => {
  // Sixty preparations in a row: on a loaded 2-core machine they outlast the default 30 s.
  test.slow();
  photoJpeg = Buffer.from(
    await serviceWorker.evaluate(async (url) => {
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      return [
        ...new Uint8Array(
          await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer(),
        ),
      ];
    }, `${imagesUrl}/photo-large.png`),
  );
  const pictures = ['photo.jpg', 'photo-medium.png', 'photo-small.png', 'screenshot.png', 'wide.png'];
  const rounds = 10;
  const times = new Map<string, number[]>(pictures.map((name) => [name, []]));
  const sent = new Map<string, PreparedImages['images'][number]>();
  const postTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const name of pictures) {
      const { prepared, ms } = await prepare(serviceWorker, postWith([`${imagesUrl}/${name}`]));
      expect(prepared?.skipped, name).toEqual([]);
      times.get(name)!.push(ms);
      sent.set(name, prepared!.images[0]!);
    }
    const four = pictures.slice(0, 4).map((name) => `${imagesUrl}/${name}`);
    const { prepared, ms } = await prepare(serviceWorker, postWith(four));
    expect(prepared?.images).toHaveLength(4);
    postTimes.push(ms);
  }
  const rows = pictures.map((name) => {
    const image = sent.get(name)!;
    expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(1_024);
    expect(image.bytes).toBeLessThanOrEqual(ENCODED_BYTES_MAX);
    const ms = times.get(name)!;
    return {
      picture: name,
      sent: `${image.width}×${image.height}`,
      kB: Math.round(image.bytes / 1_000),
      'tokens low': estimateImageTokens(image, { detail: 'low', model: 'gpt-4o' }),
      'tokens low, gpt-4o-mini': estimateImageTokens(image, { detail: 'low', model: 'gpt-4o-mini' }),
      'tokens high': estimateImageTokens(image, { detail: 'high', model: 'gpt-4o' }),
      'ms median': Math.round(percentile(ms, 50)),
      'ms p95': Math.round(percentile(ms, 95)),
    };
  });
  const summary = {
    photoJpegBytes: photoJpeg.length,
    rows,
    fourPictures: { median: percentile(postTimes, 50), p95: percentile(postTimes, 95) },
  };
  await test
    .info()
    .attach('measurements', { body: JSON.stringify(summary, null, 2), contentType: 'application/json' });
  console.log(JSON.stringify(summary));
});
