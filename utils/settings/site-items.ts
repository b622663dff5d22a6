import type { SiteId } from '../core/post';
import { DISABLED_SITES_KEY, TRIAGE_SITES_KEY } from './site-switches';
import { defineStoredItem } from './stored-item';

/** Sites the user switched off in options: the content script does nothing there. */
export const disabledSitesItem = defineStoredItem<SiteId[]>(`local:${DISABLED_SITES_KEY}`, {
  fallback: [],
  version: 1,
});

/**
 * Sites whose posts Footnote triages as the reader scrolls (one batched request for many posts);
 * off everywhere until the reader switches it on for a site.
 */
export const triageSitesItem = defineStoredItem<SiteId[]>(`local:${TRIAGE_SITES_KEY}`, {
  fallback: [],
  version: 1,
});

/** Origins (https://host[:port]) the user enabled Footnote on from the popup. */
export const enabledOriginsItem = defineStoredItem<string[]>('local:enabledOrigins', {
  fallback: [],
  version: 1,
});
