import { browser } from 'wxt/browser';

/**
 * The storage key of the sites switched off in options (`disabledSitesItem`, site-items.ts),
 * and how content scripts read it: straight from `storage.local`, since they only read it and
 * @wxt-dev/storage would be a fifth of each content script's bundle.
 */
export const DISABLED_SITES_KEY = 'disabledSites';

/** The ids in a stored value, whatever shape it has (a missing or corrupt value: none). */
function idsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

export async function readDisabledSites(): Promise<string[]> {
  const stored = await browser.storage.local.get(DISABLED_SITES_KEY);
  return idsIn(stored[DISABLED_SITES_KEY]);
}

/** Calls `onChange` with the new list whenever it changes; returns the unsubscribe. */
export function watchDisabledSites(onChange: (disabled: string[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && DISABLED_SITES_KEY in changes)
      onChange(idsIn(changes[DISABLED_SITES_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
