import { describe, expect, it, vi } from 'vitest';
import type { Post, PostMedia } from '../core/post';
import { samplePost } from '../../test-support/sample-post';
import { pngBytes } from '../../test-support/png-bytes';
import type { DecodedImage, ImageCodec } from './image-codec';
import type { FetchedImage } from './image-fetch';
import { sniffImage } from './image-format';
import { ImageSkipped } from './image-skipped';
import { createPostImagePreparer, ENCODED_BYTES_MAX } from './post-images';

interface FakeDecoded extends DecodedImage {
  closed: boolean;
}

/**
 * Decodes the size a real file's header gives (or `decodedSize`), and "encodes" a JPEG of
 * `jpegBytes` bytes; records what it drew, at which qualities, and how many decodes overlapped.
 */
class FakeCodec implements ImageCodec<FakeDecoded> {
  decoded: FakeDecoded[] = [];
  drawn: { width: number; height: number }[] = [];
  qualities: number[] = [];
  active = 0;
  mostActive = 0;
  decodedSize: { width: number; height: number } | null = null;
  jpegBytes = (_quality: number) => 50_000;

  async decode(blob: Blob): Promise<FakeDecoded> {
    this.active++;
    this.mostActive = Math.max(this.mostActive, this.active);
    try {
      const size = this.decodedSize ?? sniffImage(new Uint8Array(await blob.arrayBuffer()))?.size;
      if (!size) throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
      const image = { ...size, closed: false, close: () => void (image.closed = true) };
      this.decoded.push(image);
      return image;
    } finally {
      this.active--;
    }
  }

  draw(_image: FakeDecoded, width: number, height: number) {
    this.drawn.push({ width, height });
    return {
      jpeg: (quality: number) => {
        this.qualities.push(quality);
        return Promise.resolve(new Blob([new Uint8Array(this.jpegBytes(quality)).fill(quality * 100)]));
      },
    };
  }
}

const picture = (width: number, height: number): FetchedImage => {
  const bytes = pngBytes(width, height);
  return { ...sniffImage(bytes)!, bytes };
};

/** A preparer over `files` (address → picture, or why it is not one) and a fake codec. */
function setup(files: Record<string, FetchedImage | ImageSkipped>, enabled = true) {
  const codec = new FakeCodec();
  const fetch = vi.fn((url: string, signal: AbortSignal) => {
    signal.throwIfAborted();
    const file = files[url];
    if (!file) return Promise.reject(new ImageSkipped('unavailable'));
    return file instanceof ImageSkipped ? Promise.reject(file) : Promise.resolve(file);
  });
  const preparer = createPostImagePreparer({ enabled: () => Promise.resolve(enabled), fetch, codec });
  return {
    codec,
    fetch,
    prepare: (post: Post, signal = new AbortController().signal) => preparer.prepare(post, signal),
  };
}

const media = (imageUrls: string[] | undefined, count = imageUrls?.length ?? 0): PostMedia => ({
  imageAlts: new Array<string>(count).fill('Image'),
  ...(imageUrls ? { imageUrls } : {}),
  hasVideo: false,
});
const postWith = (own: PostMedia, quoted?: PostMedia): Post => {
  const post = samplePost({ media: own });
  return quoted ? { ...post, quoted: { ...post, id: '2', media: quoted } } : post;
};
const small = picture(40, 30);

describe('createPostImagePreparer', () => {
  it('answers null and fetches nothing when pictures are switched off', async () => {
    const { fetch, prepare } = setup({ 'https://pbs.twimg.com/a.jpg': small }, false);
    expect(await prepare(postWith(media(['https://pbs.twimg.com/a.jpg'])))).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("sends the post's pictures, then its quoted post's, at most four; says why the others were not", async () => {
    const own = ['https://i/p1', '', 'https://i/p3', 'https://i/p4'];
    const quoted = ['https://i/q1', 'https://i/q2', 'https://i/q3'];
    const files = Object.fromEntries([...own, ...quoted].filter(Boolean).map((url) => [url, small]));
    const { fetch, prepare } = setup(files);
    const prepared = await prepare(postWith(media(own), media(quoted)));
    expect(prepared?.images.map(({ of, index }) => `${of} ${index}`)).toEqual([
      'post 1',
      'post 3',
      'post 4',
      'quoted 1',
    ]);
    expect(prepared?.skipped).toEqual([
      { of: 'post', index: 2, reason: 'no_address' },
      { of: 'quoted', index: 2, reason: 'over_limit' },
      { of: 'quoted', index: 3, reason: 'over_limit' },
    ]);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'https://i/p1',
      'https://i/p3',
      'https://i/p4',
      'https://i/q1',
    ]);
  });

  it('counts pictures an adapter gives no addresses for as having none', async () => {
    const { fetch, prepare } = setup({});
    expect(await prepare(postWith(media(undefined, 2)))).toEqual({
      images: [],
      skipped: [
        { of: 'post', index: 1, reason: 'no_address' },
        { of: 'post', index: 2, reason: 'no_address' },
      ],
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fits the long side within 1,024 px, keeps the shape, and never enlarges', async () => {
    const files = {
      'https://i/wide': picture(3000, 2000),
      'https://i/tall': picture(1000, 4000),
      'https://i/small': small,
    };
    const { codec, prepare } = setup(files);
    const prepared = await prepare(postWith(media(Object.keys(files))));
    const sizes = [
      { width: 1024, height: 683 },
      { width: 256, height: 1024 },
      { width: 40, height: 30 },
    ];
    expect(codec.drawn).toEqual(sizes);
    expect(prepared?.images.map(({ width, height }) => ({ width, height }))).toEqual(sizes);
    expect(codec.decoded.every((image) => image.closed)).toBe(true);
  });

  it('sends a data: URL of the JPEG it encoded, with its size in bytes', async () => {
    const { prepare } = setup({ 'https://i/a': small });
    const [image] = (await prepare(postWith(media(['https://i/a']))))!.images;
    expect(image!.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const decoded = Buffer.from(image!.dataUrl.split(',')[1]!, 'base64');
    expect(decoded.length).toBe(50_000);
    expect(decoded.every((byte) => byte === 80)).toBe(true); // the quality-0.8 fake
    expect(image!.bytes).toBe(50_000);
  });

  it('lowers the quality once to fit the byte cap, then gives up', async () => {
    const { codec, prepare } = setup({ 'https://i/a': small });
    codec.jpegBytes = (quality) => (quality > 0.7 ? ENCODED_BYTES_MAX + 1 : ENCODED_BYTES_MAX);
    const fitted = await prepare(postWith(media(['https://i/a'])));
    expect(fitted?.images[0]?.bytes).toBe(ENCODED_BYTES_MAX);
    expect(codec.qualities).toEqual([0.8, 0.6]);

    codec.jpegBytes = () => ENCODED_BYTES_MAX + 1;
    expect((await prepare(postWith(media(['https://i/a']))))?.skipped).toEqual([
      { of: 'post', index: 1, reason: 'too_large' },
    ]);
    expect(codec.decoded.every((image) => image.closed)).toBe(true);
  });

  it('refuses more than 50 megapixels: before decoding when the header says, else after', async () => {
    const bomb = picture(1, 1);
    const header = new DataView(bomb.bytes.buffer, bomb.bytes.byteOffset);
    header.setUint32(16, 10_000);
    header.setUint32(20, 5_001);
    const { codec, prepare } = setup({ 'https://i/bomb': { ...sniffImage(bomb.bytes)!, bytes: bomb.bytes } });
    expect((await prepare(postWith(media(['https://i/bomb']))))?.skipped).toEqual([
      { of: 'post', index: 1, reason: 'too_large' },
    ]);
    expect(codec.decoded).toEqual([]);

    const unsized = setup({ 'https://i/unsized': { ...small, size: null } });
    unsized.codec.decodedSize = { width: 10_000, height: 5_001 };
    expect((await unsized.prepare(postWith(media(['https://i/unsized']))))?.skipped).toEqual([
      { of: 'post', index: 1, reason: 'too_large' },
    ]);
    expect(unsized.codec.drawn).toEqual([]);
    expect(unsized.codec.decoded[0]?.closed).toBe(true);
  });

  it('passes on why fetching failed, and calls a picture the browser cannot decode not an image', async () => {
    const undecodable = { ...small, size: null, bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) };
    const { prepare } = setup({
      'https://i/svg': new ImageSkipped('svg'),
      'https://i/slow': new ImageSkipped('timeout'),
      'https://i/cut': undecodable,
      'https://i/ok': small,
    });
    const prepared = await prepare(
      postWith(media(['https://i/svg', 'https://i/slow', 'https://i/cut', 'https://i/ok'])),
    );
    expect(prepared?.skipped).toEqual([
      { of: 'post', index: 1, reason: 'svg' },
      { of: 'post', index: 2, reason: 'timeout' },
      { of: 'post', index: 3, reason: 'not_image' },
    ]);
    expect(prepared?.images.map((image) => image.index)).toEqual([4]);
  });

  it('decodes one picture at a time', async () => {
    const files = { 'https://i/a': small, 'https://i/b': small, 'https://i/c': small };
    const { codec, prepare } = setup(files);
    await prepare(postWith(media(Object.keys(files))));
    expect(codec.decoded).toHaveLength(3);
    expect(codec.mostActive).toBe(1);
  });

  it('rejects with the abort when the request is cancelled', async () => {
    const { prepare } = setup({ 'https://i/a': small });
    const controller = new AbortController();
    controller.abort(new DOMException('Cancelled.', 'AbortError'));
    await expect(prepare(postWith(media(['https://i/a'])), controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
