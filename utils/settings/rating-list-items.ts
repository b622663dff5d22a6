import { defineStoredItem } from './stored-item';

/**
 * Why a download of the rating list was not used: it could not be fetched (network, HTTP status,
 * timeout), it is over the size caps, or it is not a list in CRED-1's compact format.
 */
export type RatingListError = 'unreachable' | 'too_large' | 'invalid';

/** What options shows about the list (written by the background after every download). */
export interface RatingListStatus {
  /** The list's address as it was downloaded. */
  url: string;
  /** When the copy in use was downloaded; null when no download of this list has worked yet. */
  updatedAt: number | null;
  /** Domains the copy in use rates. */
  entries: number;
  /** Entries of that copy that were not a rated domain (a path, a malformed host or score). */
  skipped: number;
  /** The last download failed (the copy in use, if any, is kept); cleared by the next success. */
  error: {
    code: RatingListError;
    /** Which address, what it answered (English, technical). */
    detail: string;
    at: number;
  } | null;
}

/** The last good download, as downloaded: parsed and validated again whenever it is read. */
export interface RatingListCopy {
  url: string;
  fetchedAt: number;
  text: string;
}

/** Only the background writes these; a copy is at most RATING_LIST_MAX_BYTES (source-ratings). */
export const ratingListCopyItem = defineStoredItem<RatingListCopy | null>('local:ratingList', {
  fallback: null,
  version: 1,
});

export const ratingListStatusItem = defineStoredItem<RatingListStatus | null>('local:ratingListStatus', {
  fallback: null,
  version: 1,
});
