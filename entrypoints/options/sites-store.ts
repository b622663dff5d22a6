import { createStore, type StoreApi } from 'zustand/vanilla';
import { sendToBackground, type SendToBackground } from '../../utils/messaging/extension-client';
import { NoAnswerError } from '../../utils/messaging/message-errors';
import { SITE_IDS, type SiteId } from '../../utils/core/post';
import { disabledSitesItem, enabledOriginsItem, triageSitesItem } from '../../utils/settings/site-items';
import type { SitesNotice, SitesState } from '../../components/options/types';
import { withTimeout } from '../../utils/messaging/with-timeout';
import { describeError } from './form-logic';

/**
 * The options page's "Sites" section: per-site switches (disabledSitesItem, read by every
 * content script when a page loads), per-site triage switches (triageSitesItem, which open
 * pages follow at once) and the origins enabled from the popup, each removable through the
 * background (which unregisters the content script and gives the permission back).
 */

/** The sites with their own content script; "generic" runs only on origins the user enabled. */
export const BUILT_IN_SITES = SITE_IDS.filter((id): id is Exclude<SiteId, 'generic'> => id !== 'generic');
export type BuiltInSite = (typeof BUILT_IN_SITES)[number];

export interface SitesDeps {
  load(): Promise<{ disabled: SiteId[]; triage: SiteId[]; enabledOrigins: string[] }>;
  saveDisabled(disabled: SiteId[]): Promise<void>;
  saveTriage(triage: SiteId[]): Promise<void>;
  /** For the background's sites:disable. */
  sendToBackground: SendToBackground;
  /** Calls back when a list changes elsewhere (the popup enabling a site); returns unwatch. */
  watch(onChange: () => void): () => void;
}

export interface SitesStoreState {
  sites: SitesState;
  /** The origin being removed. */
  removing: string | null;
  notice: SitesNotice;
  /** Bumped when focus should move after a removal: to the next Remove button, or the list's heading. */
  focus: { origin: string | null; token: number } | null;
  load(): Promise<void>;
  setSiteEnabled(site: BuiltInSite, enabled: boolean): Promise<void>;
  /** Triage of the site's posts as the reader scrolls, on or off. */
  setTriageEnabled(site: BuiltInSite, enabled: boolean): Promise<void>;
  removeOrigin(origin: string): Promise<void>;
  /** Starts following changes made elsewhere; returns stop. */
  watch(): () => void;
}

export const REMOVE_TIMEOUT_MS = 10_000;

export function createSitesStore(
  deps: SitesDeps,
  { removeTimeoutMs = REMOVE_TIMEOUT_MS } = {},
): StoreApi<SitesStoreState> {
  let focusToken = 0;
  return createStore<SitesStoreState>()((set, get) => ({
    sites: { kind: 'loading' },
    removing: null,
    notice: { kind: 'none' },
    focus: null,

    async load() {
      try {
        const { disabled, triage, enabledOrigins } = await deps.load();
        set({
          sites: {
            kind: 'ready',
            disabled: [...disabled],
            triage: [...triage],
            enabledOrigins: [...enabledOrigins],
          },
        });
      } catch (error) {
        set({ sites: { kind: 'failed', detail: describeError(error) } });
      }
    },

    setSiteEnabled(site, enabled) {
      const change = { list: 'disabled', site, listed: !enabled } as const;
      return saveSiteList({ get, set }, change, deps.saveDisabled, { kind: 'saved' });
    },

    setTriageEnabled(site, enabled) {
      // Open pages follow the triage switches at once (run-footnote.ts watches them).
      const change = { list: 'triage', site, listed: enabled } as const;
      return saveSiteList({ get, set }, change, deps.saveTriage, { kind: 'saved', live: true });
    },

    async removeOrigin(origin) {
      const { sites, removing } = get();
      if (sites.kind !== 'ready' || removing) return;
      const index = sites.enabledOrigins.indexOf(origin);
      if (index < 0) return;
      set({ removing: origin, notice: { kind: 'none' } });
      let detail: string | null = null;
      try {
        await withTimeout(deps.sendToBackground({ type: 'sites:disable', origin }), removeTimeoutMs);
      } catch (error) {
        detail = error instanceof NoAnswerError ? 'no answer' : describeError(error);
      }
      if (detail !== null) {
        set({ removing: null, notice: { kind: 'failed', detail } });
        return;
      }
      await get().load();
      const after = get().sites;
      const left = after.kind === 'ready' ? after.enabledOrigins : [];
      set({
        removing: null,
        notice: { kind: 'removed', origin },
        // The next origin takes the removed one's place; after the last, the one before it.
        focus: { origin: left[Math.min(index, left.length - 1)] ?? null, token: ++focusToken },
      });
    },

    watch() {
      return deps.watch(() => {
        if (!get().removing) void get().load();
      });
    },
  }));
}

/**
 * Puts the site in (or takes it out of) one of the per-site lists, in a stable order, and stores
 * it; if that fails, what is stored shows again.
 */
async function saveSiteList(
  { get, set }: { get(): SitesStoreState; set: StoreApi<SitesStoreState>['setState'] },
  { list, site, listed }: { list: 'disabled' | 'triage'; site: BuiltInSite; listed: boolean },
  save: (ids: SiteId[]) => Promise<void>,
  saved: SitesNotice,
): Promise<void> {
  const { sites } = get();
  if (sites.kind !== 'ready') return;
  const ids = listed ? [...sites[list], site] : sites[list].filter((id) => id !== site);
  const ordered = SITE_IDS.filter((id) => ids.includes(id));
  set({ sites: { ...sites, [list]: ordered } });
  try {
    await save(ordered);
    set({ notice: saved });
  } catch (error) {
    set((s) => ({
      sites: s.sites.kind === 'ready' ? { ...s.sites, [list]: sites[list] } : s.sites,
      notice: { kind: 'failed', detail: describeError(error) },
    }));
  }
}

/** The real side effects, through the storage items and webextension-polyfill's `browser`. */
export const browserSitesDeps: SitesDeps = {
  async load() {
    const [disabled, triage, enabledOrigins] = await Promise.all([
      disabledSitesItem.getValue(),
      triageSitesItem.getValue(),
      enabledOriginsItem.getValue(),
    ]);
    return { disabled, triage, enabledOrigins };
  },
  saveDisabled(disabled) {
    return disabledSitesItem.setValue(disabled);
  },
  saveTriage(triage) {
    return triageSitesItem.setValue(triage);
  },
  sendToBackground,
  watch(onChange) {
    const stops = [
      disabledSitesItem.watch(onChange),
      triageSitesItem.watch(onChange),
      enabledOriginsItem.watch(onChange),
    ];
    return () => stops.forEach((stop) => stop());
  },
};
