import { browser } from 'wxt/browser';

/**
 * Per-site switches the content scripts read (site-items.ts defines them as stored items), read
 * straight from `storage.local`: content scripts only read them, and @wxt-dev/storage would be a
 * fifth of each content script's bundle.
 */
/** Sites switched off in options (`disabledSitesItem`): Footnote does nothing there. */
export const DISABLED_SITES_KEY = 'disabledSites';
/** Sites whose posts are triaged as the reader scrolls (`triageSitesItem`); off by default. */
export const TRIAGE_SITES_KEY = 'triageSites';

type SiteListKey = typeof DISABLED_SITES_KEY | typeof TRIAGE_SITES_KEY;

/** The ids in a stored value, whatever shape it has (a missing or corrupt value: none). */
function idsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

export async function readSiteList(key: SiteListKey): Promise<string[]> {
  const stored = await browser.storage.local.get(key);
  return idsIn(stored[key]);
}

/** Calls `onChange` with the new list whenever it changes; returns the unsubscribe. */
export function watchSiteList(key: SiteListKey, onChange: (ids: string[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) onChange(idsIn(changes[key]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
