import { IMAGE_EDGE_MAX, IMAGES_SENT_MAX, type ImageOwner, type ImageReport } from '../core/images';
import type { Post, PostMedia } from '../core/post';
import type { ImagePreparer, PreparedImage, PreparedImages } from '../notes/note-engine-deps';
import type { DecodedImage, ImageCodec } from './image-codec';
import type { FetchedImage } from './image-fetch';
import { ImageSkipped } from './image-skipped';

/**
 * A post's pictures made ready for the model: the post's own, then its quoted post's, at most
 * IMAGES_SENT_MAX, fetched at once, then decoded and re-encoded one at a time (a decoded photo
 * can take hundreds of MB). Every picture is re-encoded, even a small JPEG: one format every
 * vision endpoint takes, a known size, and no metadata (a photo's EXIF can hold where it was taken).
 */

/** More pixels than this are not decoded: 50 MP is a 200 MB bitmap, 4 times a phone's usual photo. */
export const IMAGE_PIXELS_MAX = 50_000_000;
/** Bytes of one encoded picture: a 1,024 px photo is well under it at the first quality. */
export const ENCODED_BYTES_MAX = 400_000;
/** JPEG qualities tried in turn until the picture fits ENCODED_BYTES_MAX. */
const JPEG_QUALITIES = [0.8, 0.6];

export interface PostImageDeps<Decoded extends DecodedImage> {
  /** "Send pictures" in options. */
  enabled(): Promise<boolean>;
  /** The picture's bytes; rejects with ImageSkipped saying why not. */
  fetch(url: string, signal: AbortSignal): Promise<FetchedImage>;
  codec: ImageCodec<Decoded>;
}

/** One of the post's pictures, numbered in its own post's order. */
interface PictureRef {
  of: ImageOwner;
  index: number;
  url: string;
}

export function createPostImagePreparer<Decoded extends DecodedImage>(
  deps: PostImageDeps<Decoded>,
): ImagePreparer {
  return {
    enabled: deps.enabled,
    async prepare(post, signal) {
      if (!(await deps.enabled())) return null;
      const { wanted, skipped } = choosePictures(post);
      const encodeInTurn = oneAtATime();
      const outcomes = await Promise.all(
        wanted.map(async (ref): Promise<PreparedImage | ImageReport['skipped'][number]> => {
          try {
            const fetched = await deps.fetch(ref.url, signal);
            return {
              of: ref.of,
              index: ref.index,
              ...(await encodeInTurn(() => encode(fetched, deps.codec, signal))),
            };
          } catch (err) {
            signal.throwIfAborted();
            // The codec's own failures (a truncated file, a format this browser lacks): not a picture it reads.
            return {
              of: ref.of,
              index: ref.index,
              reason: err instanceof ImageSkipped ? err.reason : 'not_image',
            };
          }
        }),
      );
      const result: PreparedImages = { images: [], skipped };
      for (const outcome of outcomes) {
        if ('reason' in outcome) result.skipped.push(outcome);
        else result.images.push(outcome);
      }
      result.skipped.sort(byPostOrder);
      return result;
    },
  };
}

/** The pictures to fetch, in order, and those left out before any request (no address, over the limit). */
function choosePictures(post: Post): { wanted: PictureRef[]; skipped: ImageReport['skipped'] } {
  const wanted: PictureRef[] = [];
  const skipped: ImageReport['skipped'] = [];
  const all = [
    ...pictures('post', post.media),
    ...(post.quoted ? pictures('quoted', post.quoted.media) : []),
  ];
  for (const ref of all) {
    if (!ref.url) skipped.push({ of: ref.of, index: ref.index, reason: 'no_address' });
    else if (wanted.length === IMAGES_SENT_MAX)
      skipped.push({ of: ref.of, index: ref.index, reason: 'over_limit' });
    else wanted.push(ref);
  }
  return { wanted, skipped };
}

function pictures(of: ImageOwner, media: PostMedia): PictureRef[] {
  return media.imageAlts.map((_alt, i) => ({ of, index: i + 1, url: media.imageUrls?.[i] ?? '' }));
}

function byPostOrder(a: { of: ImageOwner; index: number }, b: { of: ImageOwner; index: number }): number {
  return a.of === b.of ? a.index - b.index : a.of === 'post' ? -1 : 1;
}

/** Runs the tasks it is given one after another, in the order given, whatever each one's outcome. */
function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = last.then(task, task);
    last = run.catch(() => undefined);
    return run;
  };
}

/** Decoded, fitted within IMAGE_EDGE_MAX on its long side, and encoded as JPEG within ENCODED_BYTES_MAX. */
async function encode<Decoded extends DecodedImage>(
  fetched: FetchedImage,
  codec: ImageCodec<Decoded>,
  signal: AbortSignal,
): Promise<Omit<PreparedImage, 'of' | 'index'>> {
  signal.throwIfAborted();
  if (fetched.size && pixels(fetched.size) > IMAGE_PIXELS_MAX) throw new ImageSkipped('too_large');
  // Bytes read from a response sit in a plain ArrayBuffer (never a shared one), as Blob wants.
  const decoded = await codec.decode(
    new Blob([fetched.bytes as Uint8Array<ArrayBuffer>], { type: `image/${fetched.format}` }),
  );
  try {
    if (pixels(decoded) > IMAGE_PIXELS_MAX) throw new ImageSkipped('too_large');
    const scale = Math.min(1, IMAGE_EDGE_MAX / Math.max(decoded.width, decoded.height));
    const width = Math.max(1, Math.round(decoded.width * scale));
    const height = Math.max(1, Math.round(decoded.height * scale));
    const drawn = codec.draw(decoded, width, height);
    for (const quality of JPEG_QUALITIES) {
      const jpeg = await drawn.jpeg(quality);
      if (jpeg.size <= ENCODED_BYTES_MAX)
        return { dataUrl: await jpegDataUrl(jpeg), width, height, bytes: jpeg.size };
    }
    throw new ImageSkipped('too_large');
  } finally {
    decoded.close();
  }
}

function pixels(size: { width: number; height: number }): number {
  return size.width * size.height;
}

async function jpegDataUrl(jpeg: Blob): Promise<string> {
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/jpeg;base64,${btoa(binary)}`;
}
