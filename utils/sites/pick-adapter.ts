import type { SiteAdapter } from './site-adapter';

/**
 * Of a content script's adapters, the one for this page: by URL first, else (on a site the
 * user enabled) by what the document looks like — a Mastodon instance, or posts marked up with
 * structured data. Null when nothing fits: no badges, no errors.
 */
export function pickAdapter(
  adapters: readonly SiteAdapter[],
  location: { hostname: string; pathname: string },
  document: Document,
): SiteAdapter | null {
  return (
    adapters.find((a) => a.matchesLocation(location)) ??
    adapters.find((a) => a.matchesDocument?.(document) === true) ??
    null
  );
}
