import type { RatingLookup } from '../core/evidence';
import { fetchBounded } from '../evidence/bounded-fetch';
import { parseRatingList, RATING_LIST_MAX_BYTES } from '../evidence/source-ratings';
import { cachedValue } from '../settings/cached-item';
import type { EvidenceSettings } from '../settings/evidence-settings';
import { evidenceSettingsItem } from '../settings/evidence-settings-item';
import {
  ratingListCopyItem,
  ratingListStatusItem,
  type RatingListCopy,
  type RatingListError,
  type RatingListStatus,
} from '../settings/rating-list-items';
import { ratingListAddress } from '../settings/rating-lists';
import { privateNetworkRulesSettled } from './private-network-guard';

const DAY_MS = 24 * 60 * 60_000;
/** CRED-1 is rebuilt weekly; a copy this old is downloaded again. */
export const RATING_LIST_MAX_AGE_MS = 7 * DAY_MS;
/** After a failed download the next automatic try waits this long ("Update now" does not). */
export const RATING_LIST_RETRY_MS = 60 * 60_000;
/** A list of a few hundred KB; a server slower than this is treated as unreachable. */
export const RATING_LIST_TIMEOUT_MS = 30_000;

export interface RatingListOptions {
  now?: () => number;
  timeoutMs?: number;
}

/**
 * The reader's source-rating list in the background: downloaded when "Source ratings" is on and
 * no copy of the chosen list is kept or the copy is a week old (checked at background start,
 * when settings change and whenever a note asks for the lookup), validated, kept in storage,
 * and the last good copy kept through any failure. Notes never wait for a download: without a
 * copy they are written without ratings. Each download's outcome is the status options shows.
 */
export function createRatingList({
  now = Date.now,
  timeoutMs = RATING_LIST_TIMEOUT_MS,
}: RatingListOptions = {}) {
  const storedCopy = cachedValue(ratingListCopyItem);
  const storedStatus = cachedValue(ratingListStatusItem);
  /** A copy is parsed once; a copy that no longer parses counts as none. */
  const lookups = new WeakMap<RatingListCopy, RatingLookup | null>();
  const downloads = new Map<string, Promise<RatingListStatus>>();

  const lookupOf = (copy: RatingListCopy): RatingLookup | null => {
    if (!lookups.has(copy)) {
      const parsed = parseRatingList(copy.text, copy.url);
      lookups.set(copy, parsed.ok ? parsed.list.lookup : null);
    }
    return lookups.get(copy) ?? null;
  };

  /**
   * Whether the settings still name this list: a download that ends after the reader picked
   * another must not overwrite the newer list's copy or status.
   */
  const stillWanted = async (url: string): Promise<boolean> => {
    const settings = await evidenceSettingsItem.getValue();
    return settings.sourceRatings && ratingListAddress(settings.ratingListUrl) === url;
  };

  const fail = async (url: string, code: RatingListError, detail: string): Promise<RatingListStatus> => {
    const previous = await storedStatus();
    const kept = previous?.url === url ? previous : { url, updatedAt: null, entries: 0, skipped: 0 };
    const status = { ...kept, error: { code, detail, at: now() } };
    if (await stillWanted(url)) await ratingListStatusItem.setValue(status);
    return status;
  };

  const download = async (url: string): Promise<RatingListStatus> => {
    // The guard's watcher runs before ours (registered first), so this covers the new address.
    await privateNetworkRulesSettled();
    const fetchedAt = now();
    let text: string;
    try {
      const response = await fetchBounded(url, {
        signal: new AbortController().signal,
        timeoutMs,
        maxBytes: RATING_LIST_MAX_BYTES,
      });
      if (response.truncated)
        return await fail(url, 'too_large', `${url} is larger than ${RATING_LIST_MAX_BYTES} bytes.`);
      text = response.text;
    } catch (err) {
      return fail(url, 'unreachable', err instanceof Error ? err.message : String(err));
    }
    const parsed = parseRatingList(text, url);
    if (!parsed.ok) return fail(url, parsed.code, parsed.detail);
    const status: RatingListStatus = {
      url,
      updatedAt: fetchedAt,
      entries: parsed.list.entries,
      skipped: parsed.list.skipped,
      error: null,
    };
    if (await stillWanted(url)) {
      await ratingListCopyItem.setValue({ url, fetchedAt, text });
      await ratingListStatusItem.setValue(status);
    }
    return status;
  };

  /** One download per list at a time; callers during it share its outcome. */
  const refresh = (url: string): Promise<RatingListStatus> => {
    let running = downloads.get(url);
    if (!running) {
      running = download(url).finally(() => downloads.delete(url));
      downloads.set(url, running);
    }
    return running;
  };

  const isDue = (url: string, usable: RatingListCopy | null, status: RatingListStatus | null): boolean => {
    if (downloads.has(url)) return false;
    if (status?.url === url && status.error && now() - status.error.at < RATING_LIST_RETRY_MS) return false;
    if (!usable) return true;
    const age = now() - usable.fetchedAt;
    return age >= RATING_LIST_MAX_AGE_MS || age < 0; // a clock set back would otherwise wait for years
  };

  /** The lookup the settings call for, or null; starts a download when one is due (not awaited). */
  const lookup = async (settings: EvidenceSettings): Promise<RatingLookup | null> => {
    if (!settings.sourceRatings) return null;
    const url = ratingListAddress(settings.ratingListUrl);
    const [copy, status] = await Promise.all([storedCopy(), storedStatus()]);
    const usable = copy?.url === url && lookupOf(copy) ? copy : null;
    if (isDue(url, usable, status))
      // Only storage can throw here (a failed download is a status): nothing a note could do about it.
      refresh(url).catch((err: unknown) => console.warn('Footnote could not store the rating list:', err));
    return usable && lookupOf(usable);
  };

  return {
    lookup,
    /** Options' "Update now": downloads the saved list at once, whatever its age. */
    async refreshNow(): Promise<RatingListStatus | null> {
      const settings = await evidenceSettingsItem.getValue();
      if (!settings.sourceRatings) return storedStatus();
      return refresh(ratingListAddress(settings.ratingListUrl));
    },
    /** Background start: check now, and again whenever the evidence settings change. */
    watch(): void {
      void evidenceSettingsItem.getValue().then(lookup);
      evidenceSettingsItem.watch((settings) => void lookup(settings));
    },
  };
}

export type RatingListService = ReturnType<typeof createRatingList>;

/** The background's one instance. */
export const ratingList: RatingListService = createRatingList();
