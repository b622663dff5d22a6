import { browser } from 'wxt/browser';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import type { SiteDiagnostic } from '@/utils/core/site-diagnostic';
import { siteDiagnostic } from '@/utils/sites/site-diagnostic';

/**
 * How long a page that should show posts may show none before the popup says the site may have
 * changed: long enough for a slow feed to render its first posts.
 */
export const NO_POSTS_GRACE_MS = 8_000;

/**
 * The diagnostic of a page that has shown no posts for the grace period, when it should show
 * some (else null). Computed once when the grace period ends, so it costs the page nothing
 * while it is read.
 */
export function noPostsDiagnostic(adapter: SiteAdapter): SiteDiagnostic | null {
  if (!adapter.expectsPosts(location)) return null;
  return siteDiagnostic(adapter, location, document, browser.runtime.getManifest().version);
}
