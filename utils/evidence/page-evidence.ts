import { fetchBounded, type BoundedFetchOptions, type BoundedResponse } from './bounded-fetch';
import {
  EVIDENCE_EXCERPT_MAX,
  EVIDENCE_PUBLISHER_MAX,
  EVIDENCE_TITLE_MAX,
  type GatheredEvidence,
} from '../core/evidence';
import { httpUrl } from '../core/http-url';
import { isPrivateHost } from './private-host';
import { collapse, hostName, readPage } from './readable-page';
import { clipCodePoints } from '../core/clip-text';

/**
 * Reading one web page as evidence: a page a post links to, or one the reader suggested. Both
 * are addresses a stranger (or a mistake) chose, so both get the same caps and the same rules.
 */
export interface PageReadingDeps {
  /** Whether Footnote may fetch `url` (its host permission); the background wraps browser.permissions.contains. */
  canFetch(url: string): Promise<boolean>;
  /** Per page; default 5 s. */
  timeoutMs?: number;
  /**
   * Bytes read per page; default 1 MB: the article is near the top, the rest is scripts, and
   * parsing a megabyte in the worker already takes about a second.
   */
  maxBytes?: number;
  /** Hosts never requested; default: the reader's own machine and network (tests serve there). */
  isBlockedHost?(hostname: string): boolean;
}

const ACCEPT = 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5';
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
export const PDF_TYPE = 'application/pdf';
const PLAIN_TEXT = 'text/plain';

/** Why an address is not requested at all. */
export type AddressRefusal = 'not_http' | 'credentials' | 'private_network';

/**
 * The address to request (http(s), without its #fragment), or why it is not requested: fetch()
 * refuses URLs with credentials, and the reader's own network is not evidence.
 */
export function pageAddress(
  value: string,
  deps: Pick<PageReadingDeps, 'isBlockedHost'>,
): { url: URL } | { refusal: AddressRefusal } {
  const href = httpUrl(value);
  if (!href) return { refusal: 'not_http' };
  const url = new URL(href);
  if (url.username || url.password) return { refusal: 'credentials' };
  if ((deps.isBlockedHost ?? isPrivateHost)(url.hostname)) return { refusal: 'private_network' };
  url.hash = '';
  return { url };
}

/** Fetch options for pages: the deps' caps (or the defaults), asking for documents first. */
export function pageFetchOptions(deps: PageReadingDeps, signal: AbortSignal): BoundedFetchOptions {
  return {
    signal,
    timeoutMs: deps.timeoutMs ?? 5_000,
    maxBytes: deps.maxBytes ?? 1_000_000,
    headers: { accept: ACCEPT },
  };
}

/** What reading a page gave: the evidence, or null with the media type that could not be read. */
export interface PageReading {
  item: GatheredEvidence | null;
  mediaType: string;
}

/** Fetches `url` and reads it as evidence of `kind`; rejects with FetchFailed. */
export async function readPageEvidence(
  url: string,
  kind: 'link' | 'suggested',
  options: BoundedFetchOptions,
): Promise<PageReading> {
  const response = await fetchBounded(
    url,
    options,
    (mediaType) => HTML_TYPES.has(mediaType) || mediaType === PLAIN_TEXT,
  );
  options.signal.throwIfAborted();
  return { item: toEvidence(response, kind), mediaType: response.mediaType };
}

/** Null for what cannot be evidence: binaries, and a redirect that left http(s). */
function toEvidence(response: BoundedResponse, kind: 'link' | 'suggested'): GatheredEvidence | null {
  const { url, mediaType } = response;
  if (!httpUrl(url)) return null;
  const item = { kind, url, review: null, publishedAt: null };
  const publisher = clipCodePoints(hostName(url), EVIDENCE_PUBLISHER_MAX);
  if (HTML_TYPES.has(mediaType)) {
    const { title, text, publisher: site, publishedAt } = readPage(response.text, url);
    return { ...item, title: title || fileName(url), publisher: site, excerpt: text, publishedAt };
  }
  if (mediaType === PLAIN_TEXT) {
    // Cut before collapsing: a page of whitespace must not cost a 1.5 MB regex pass.
    const excerpt = clipCodePoints(
      collapse(response.text.slice(0, EVIDENCE_EXCERPT_MAX * 8)),
      EVIDENCE_EXCERPT_MAX,
    );
    return { ...item, title: fileName(url), publisher, excerpt };
  }
  if (mediaType === PDF_TYPE) {
    // The body is not read: a PDF's text needs a PDF parser; its name still says what it is.
    const title = dispositionName(response.headers.get('content-disposition') ?? '') || fileName(url);
    return { ...item, title, publisher, excerpt: '' };
  }
  return null;
}

/** The last path segment ("annual report.pdf"), else the host. */
function fileName(url: string): string {
  const segment = new URL(url).pathname.split('/').findLast((part) => part !== '') ?? '';
  return (
    clipCodePoints(collapse(decodeSafely(segment)), EVIDENCE_TITLE_MAX) ||
    clipCodePoints(hostName(url), EVIDENCE_TITLE_MAX)
  );
}

/** `filename*=UTF-8''…` (RFC 6266) first, else `filename="…"`. */
function dispositionName(header: string): string {
  const extended = /filename\*\s*=\s*[\w-]+'[^']*'([^;]+)/i.exec(header)?.[1];
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  const name = extended ? decodeSafely(extended.trim()) : (plain?.[1] ?? plain?.[2] ?? '');
  return clipCodePoints(collapse(name), EVIDENCE_TITLE_MAX);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
