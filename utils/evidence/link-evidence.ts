import { fetchBounded, type BoundedFetchOptions, type BoundedResponse } from './bounded-fetch';
import {
  EVIDENCE_EXCERPT_MAX,
  EVIDENCE_PUBLISHER_MAX,
  EVIDENCE_TITLE_MAX,
  EvidenceSkipped,
  type EvidenceSource,
  type GatheredEvidence,
} from '../core/evidence';
import { httpUrl } from '../core/http-url';
import { isPrivateHost } from './private-host';
import { collapse, hostName, readPage } from './readable-page';
import { clipCodePoints } from '../core/clip-text';

export interface LinkEvidenceDeps {
  /** Whether Footnote may fetch `url` (its host permission); the background wraps browser.permissions.contains. */
  canFetch(url: string): Promise<boolean>;
  /** Per link; default 5 s. */
  timeoutMs?: number;
  /**
   * Bytes read per page; default 1 MB: the article is near the top, the rest is scripts, and
   * parsing a megabyte in the worker already takes about a second.
   */
  maxBytes?: number;
  /** Links read per post; default 3. */
  maxLinks?: number;
  /** Hosts never requested; default: the reader's own machine and network (tests serve there). */
  isBlockedHost?(hostname: string): boolean;
}

const ACCEPT = 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5';
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const PDF = 'application/pdf';
const PLAIN_TEXT = 'text/plain';
/** Media files: nothing to read, so not worth a request. */
const MEDIA_PATH =
  /\.(?:png|jpe?g|gif|webp|avif|svg|bmp|ico|heic|mp4|m4v|webm|mov|mkv|avi|mp3|m4a|wav|ogg|flac|aac)$/i;

export const LINKS_NOT_ALLOWED =
  "Footnote may not read the pages this post links to. To use them as evidence, allow reading linked pages in Footnote's options.";

/** Evidence from the pages the post itself links to (docs/ARCHITECTURE.md, The note: the post's own links). */
export function createLinkEvidenceSource(deps: LinkEvidenceDeps): EvidenceSource {
  const maxLinks = deps.maxLinks ?? 3;
  return {
    kind: 'link',
    async gather(query, signal) {
      const candidates = linksToRead(query.links, deps.isBlockedHost ?? isPrivateHost);
      if (candidates.length === 0) return [];
      const allowed = await Promise.all(candidates.map((url) => deps.canFetch(url).catch(() => false)));
      const links = candidates.filter((_, i) => allowed[i]).slice(0, maxLinks);
      if (links.length === 0) throw new EvidenceSkipped('permission_denied', LINKS_NOT_ALLOWED);
      signal.throwIfAborted();

      const options: BoundedFetchOptions = {
        signal,
        timeoutMs: deps.timeoutMs ?? 5_000,
        maxBytes: deps.maxBytes ?? 1_000_000,
        headers: { accept: ACCEPT },
      };
      const results = await Promise.allSettled(links.map((url) => readLink(url, options)));
      signal.throwIfAborted();
      const items = results.flatMap((result) =>
        result.status === 'fulfilled' && result.value ? [result.value] : [],
      );
      const failure = results.find((result) => result.status === 'rejected');
      if (items.length === 0 && failure) {
        throw new EvidenceSkipped(
          'failed',
          `None of the post's links could be read: ${reasonOf(failure.reason)}`,
        );
      }
      return items;
    },
  };
}

/** Distinct http(s) links that may be documents, in the post's order, without #fragments. */
function linksToRead(links: string[], isBlockedHost: (hostname: string) => boolean): string[] {
  const urls = new Set<string>();
  for (const link of links) {
    const href = httpUrl(link);
    if (!href) continue;
    const url = new URL(href);
    // fetch() refuses URLs with credentials; the reader's own network is not evidence.
    if (url.username || url.password || MEDIA_PATH.test(url.pathname) || isBlockedHost(url.hostname))
      continue;
    url.hash = '';
    urls.add(url.href);
  }
  return [...urls];
}

async function readLink(url: string, options: BoundedFetchOptions): Promise<GatheredEvidence | null> {
  const response = await fetchBounded(
    url,
    options,
    (mediaType) => HTML_TYPES.has(mediaType) || mediaType === PLAIN_TEXT,
  );
  options.signal.throwIfAborted();
  return toEvidence(response);
}

/** Null for what cannot be evidence: binaries, and a redirect that left http(s). */
function toEvidence(response: BoundedResponse): GatheredEvidence | null {
  const { url, mediaType } = response;
  if (!httpUrl(url)) return null;
  const item = { kind: 'link' as const, url, review: null, publishedAt: null };
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
  if (mediaType === PDF) {
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

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
