import { FetchFailed, fetchBoundedBytes } from '../evidence/bounded-fetch';
import { pageAddress } from '../evidence/page-evidence';
import { looksLikeSvg, sniffImage, type SniffedImage } from './image-format';
import { ImageSkipped } from './image-skipped';

/**
 * Reading one of a post's pictures from its host: an address the page (so a stranger) chose,
 * fetched like evidence (no cookies, no referrer, a deadline, a cap on the bytes read), and
 * believed to be a picture only when its first bytes say so.
 */
export interface ImageFetchDeps {
  /** Whether Footnote may read `url` (its host permission). */
  canFetch(url: string): Promise<boolean>;
  /** Per picture; default 5 s. */
  timeoutMs?: number;
  /** Bytes read per picture; default 8 MB (a phone photo is 2–5 MB; the sites serve less). */
  maxBytes?: number;
  /** Hosts never requested; default: the reader's own machine and network (tests serve there). */
  isBlockedHost?(hostname: string): boolean;
}

export interface FetchedImage extends SniffedImage {
  bytes: Uint8Array;
}

const SVG_TYPE = 'image/svg+xml';
/** Types a picture may come as: CDNs serve some as bytes of no particular type. */
const BINARY_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/gif,*/*;q=0.5';

/** The picture at `address`; rejects with ImageSkipped saying why not (or the abort, if cancelled). */
export async function fetchImage(
  address: string,
  signal: AbortSignal,
  deps: ImageFetchDeps,
): Promise<FetchedImage> {
  const checked = pageAddress(address, deps);
  if ('refusal' in checked)
    throw new ImageSkipped(checked.refusal === 'not_http' ? 'no_address' : 'no_permission');
  const url = checked.url.href;
  if (!(await deps.canFetch(url))) throw new ImageSkipped('no_permission');
  let response;
  try {
    response = await fetchBoundedBytes(
      url,
      {
        signal,
        timeoutMs: deps.timeoutMs ?? 5_000,
        maxBytes: deps.maxBytes ?? 8_000_000,
        headers: { accept: ACCEPT },
      },
      mayBeImage,
    );
  } catch (err) {
    signal.throwIfAborted();
    throw new ImageSkipped(err instanceof FetchFailed && err.timedOut ? 'timeout' : 'unavailable');
  }
  if (response.mediaType === SVG_TYPE) throw new ImageSkipped('svg');
  if (!mayBeImage(response.mediaType)) throw new ImageSkipped('not_image');
  if (response.truncated) throw new ImageSkipped('too_large');
  if (looksLikeSvg(response.bytes)) throw new ImageSkipped('svg');
  const sniffed = sniffImage(response.bytes);
  if (!sniffed) throw new ImageSkipped('not_image');
  return { ...sniffed, bytes: response.bytes };
}

/** Whether a body of this media type is worth reading as a picture (an SVG never is). */
function mayBeImage(mediaType: string): boolean {
  return (mediaType.startsWith('image/') && mediaType !== SVG_TYPE) || BINARY_TYPES.has(mediaType);
}
