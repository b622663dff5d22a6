import * as z from 'zod/mini';
import { RATED_DOMAIN_MAX, type RatingLevel, type RatingLookup, type SourceRating } from '../core/evidence';
import type { RatingListError } from '../settings/rating-list-items';
import { ratingListName } from '../settings/rating-lists';

/**
 * A source-rating list in CRED-1's compact format (the default list, or a custom one "in the same
 * format"): one JSON object mapping a domain to its entry,
 *   {"infowars.com":{"c":"c","s":0.073,"n":2,"d":"1999-10-04","r":15889}, …}
 * where `s` is the credibility score, 0 to 1 (lower is less credible), and `c` the category code;
 * `n` (sources), `d` (registration date) and `r` (Tranco rank) are not used here.
 *
 * Decided for bad input: the whole list is refused when it is over the byte cap, is not JSON,
 * is not such an object, has more entries than the cap or has no usable entry. A single entry
 * that rates no domain is skipped and counted, because the real list has some: keys with a path
 * ("cato.org/blog", which rate a section of a site, not the domain), a key with a space in it,
 * and scores outside 0–1 would be others.
 */

/** Refused before parsing above this (CRED-1 is about 170 KB). */
export const RATING_LIST_MAX_BYTES = 2_000_000;
/** Refused with more entries than this (CRED-1 has about 2,700). */
export const RATING_LIST_MAX_ENTRIES = 50_000;

const entrySchema = z.object({
  s: z.number().check(z.gte(0), z.lte(1)),
  c: z.optional(z.string()),
});
const listSchema = z.record(z.string(), z.unknown());

/** CRED-1's category codes; some entries spell the name out instead. */
const CATEGORY_NAMES = new Map([
  ['f', 'fake'],
  ['u', 'unreliable'],
  ['m', 'mixed'],
  ['c', 'conspiracy'],
  ['s', 'satire'],
  ['r', 'reliable'],
  ['o', 'other'],
]);
const KNOWN_CATEGORIES = new Set(CATEGORY_NAMES.values());

/** CRED-1's own traffic light: low up to 0.20, mixed up to 0.50, reliable ("ok") above. */
export function ratingLevel(score: number): RatingLevel {
  if (score <= 0.2) return 'low';
  if (score <= 0.5) return 'mixed';
  return 'high';
}

export interface RatingList {
  lookup: RatingLookup;
  /** Domains rated. */
  entries: number;
  /** Entries that rate no domain (see above), and duplicates of a domain already rated. */
  skipped: number;
}

export type RatingListParse =
  { ok: true; list: RatingList } | { ok: false; code: RatingListError; detail: string };

/** Validates a downloaded list and builds its lookup; `address` names it ("CRED-1" or its host). */
export function parseRatingList(text: string, address: string): RatingListParse {
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > RATING_LIST_MAX_BYTES)
    return refuse('too_large', `${address} is ${bytes} bytes; the limit is ${RATING_LIST_MAX_BYTES}.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('invalid', `${address} is not JSON.`);
  }
  const parsed = listSchema.safeParse(json);
  if (!parsed.success) return refuse('invalid', `${address} is not a JSON object of rated domains.`);
  const keys = Object.keys(parsed.data);
  if (keys.length > RATING_LIST_MAX_ENTRIES)
    return refuse(
      'too_large',
      `${address} has ${keys.length} entries; the limit is ${RATING_LIST_MAX_ENTRIES}.`,
    );

  const list = ratingListName(address);
  const ratings = new Map<string, SourceRating>();
  for (const key of keys) {
    const domain = listedDomain(key);
    const entry = entrySchema.safeParse(parsed.data[key]);
    if (!domain || !entry.success || ratings.has(domain)) continue;
    const { s: score, c: code } = entry.data;
    ratings.set(
      domain,
      Object.freeze({ domain, score, level: ratingLevel(score), category: categoryName(code), list }),
    );
  }
  if (ratings.size === 0) return refuse('invalid', `${address} rates no domain in CRED-1's format.`);
  return {
    ok: true,
    list: {
      lookup: { version: `${list}#${fnv1a(text)}`, rate: (url) => rateUrl(ratings, url) },
      entries: ratings.size,
      skipped: keys.length - ratings.size,
    },
  };
}

function refuse(code: RatingListError, detail: string): RatingListParse {
  return { ok: false, code, detail };
}

/** The rating of the URL's host, else of its nearest rated parent domain; null when not http(s). */
function rateUrl(ratings: ReadonlyMap<string, SourceRating>, url: string): SourceRating | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  for (const domain of candidateDomains(bareHost(parsed.hostname))) {
    const rating = ratings.get(domain);
    if (rating) return rating;
  }
  return null;
}

/**
 * sub.example.co.uk → itself, example.co.uk, co.uk: every parent that still has a dot, so a
 * bare TLD never matches. An IP address matches only itself.
 */
function candidateDomains(host: string): string[] {
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return [host];
  const labels = host.split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}

/**
 * A list key as the host rate() compares: what the URL parser makes of it (lower case, IDN as
 * punycode), without "www." or a trailing dot or slash. Null for anything but a host with a dot.
 */
function listedDomain(key: string): string | null {
  const trimmed = key.trim().replace(/\/+$/, '');
  if (!trimmed || /[/?#@:\\\s]/.test(trimmed)) return null;
  let hostname: string;
  try {
    hostname = new URL(`http://${trimmed}`).hostname;
  } catch {
    return null;
  }
  const host = bareHost(hostname);
  return host.includes('.') && host.length <= RATED_DOMAIN_MAX ? host : null;
}

function bareHost(hostname: string): string {
  const host = hostname.replace(/\.$/, '');
  return host.startsWith('www.') ? host.slice(4) : host;
}

function categoryName(code: string | undefined): string | null {
  const lower = code?.trim().toLowerCase() ?? '';
  return CATEGORY_NAMES.get(lower) ?? (KNOWN_CATEGORIES.has(lower) ? lower : null);
}

/** 32-bit FNV-1a of the list's text, in hex: tells two downloads of the same list apart. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
