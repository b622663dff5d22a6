import { browser } from 'wxt/browser';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { siteDiagnostic, type SiteDiagnostic } from '@/utils/sites/site-diagnostic';

/**
 * How long a page that should show posts may show none before the popup says the site may have
 * changed: long enough for a slow feed to render its first posts.
 */
export const NO_POSTS_GRACE_MS = 8_000;

/**
 * The diagnostic of a page that should show posts and has shown none since `since` (the page
 * load or the last in-app navigation, `performance.now()` time), or null. Computed only when
 * the popup asks, so it costs the page nothing while it is read.
 */
export function noPostsDiagnostic(adapter: SiteAdapter, since: number): SiteDiagnostic | null {
  if (performance.now() - since < NO_POSTS_GRACE_MS || !adapter.expectsPosts(location)) return null;
  return siteDiagnostic(adapter, location, document, browser.runtime.getManifest().version);
}
