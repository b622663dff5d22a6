import { EvidenceSkipped, type EvidenceSource } from '../core/evidence';
import { pageAddress, pageFetchOptions, readPageEvidence, type PageReadingDeps } from './page-evidence';

export interface LinkEvidenceDeps extends PageReadingDeps {
  /** Links read per post; default 3. */
  maxLinks?: number;
}

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
      const candidates = linksToRead(query.links, deps);
      if (candidates.length === 0) return [];
      const allowed = await Promise.all(candidates.map((url) => deps.canFetch(url).catch(() => false)));
      const links = candidates.filter((_, i) => allowed[i]).slice(0, maxLinks);
      if (links.length === 0) throw new EvidenceSkipped('permission_denied', LINKS_NOT_ALLOWED);
      signal.throwIfAborted();

      const options = pageFetchOptions(deps, signal);
      const results = await Promise.allSettled(links.map((url) => readPageEvidence(url, 'link', options)));
      signal.throwIfAborted();
      const items = results.flatMap((result) =>
        result.status === 'fulfilled' && result.value.item ? [result.value.item] : [],
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

/** Distinct links that may be documents, in the post's order. */
function linksToRead(links: string[], deps: LinkEvidenceDeps): string[] {
  const urls = new Set<string>();
  for (const link of links) {
    const address = pageAddress(link, deps);
    if ('url' in address && !MEDIA_PATH.test(address.url.pathname)) urls.add(address.url.href);
  }
  return [...urls];
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
