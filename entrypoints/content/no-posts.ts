import type { SiteAdapter } from '@/utils/sites/site-adapter';
import type { SiteDiagnostic } from '@/utils/core/site-diagnostic';

/**
 * How long a page that should show posts may show none before the popup says the site may have
 * changed: long enough for a slow feed to render its first posts.
 */
export const NO_POSTS_GRACE_MS = 8_000;

/**
 * Reads the page's diagnostic: in the UI bundle (entrypoints/card-ui), loaded only for a page
 * that shows no posts, so the probes are not part of every page's load.
 */
export type Diagnose = (adapter: SiteAdapter) => Promise<SiteDiagnostic>;

/**
 * The diagnostic of a page that has shown no posts for the grace period, when it should show
 * some (else null). Computed once when the grace period ends, so it costs the page nothing
 * while it is read.
 */
export async function noPostsDiagnostic(
  adapter: SiteAdapter,
  diagnose: Diagnose,
): Promise<SiteDiagnostic | null> {
  return adapter.expectsPosts(location) ? diagnose(adapter) : null;
}
