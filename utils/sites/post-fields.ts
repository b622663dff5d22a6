/**
 * Field readers shared by the site adapters: caps, scoped lookups, hosts, times, languages and
 * links (pictures and videos: post-media.ts). They accept anything and never throw.
 */
import { LINKS_MAX, URL_MAX } from '../core/post';

/** At most `max` UTF-16 units, without leaving half a surrogate pair at the end. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The first match in `scope` that is not inside `skip` (a quoted post's card), or null. */
export function firstOutside(scope: Element, selector: string, skip: Element | null): Element | null {
  if (skip === null) return scope.querySelector(selector);
  for (const el of scope.querySelectorAll(selector)) {
    if (!skip.contains(el)) return el;
  }
  return null;
}

/** A hostname as sites compare it: lower case, without "www." and a trailing dot. */
export function bareHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

// ---------------------------------------------------------------------------------------
// Time

/**
 * ISO-like timestamps as sites write them: Reddit `2026-10-05T15:41:09.265000+0000` (six fraction
 * digits, offset without colon), HN `2026-03-12T10:00:00` (no zone: UTC), old Reddit `…+00:00`.
 */
const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 UTC of such a timestamp, or null when it is not one. */
export function isoTime(raw: string | null | undefined): string | null {
  const match = ISO_LIKE.exec(raw?.trim() ?? '');
  if (!match) return null;
  const [, date, clock, fraction = '', zone = 'Z'] = match;
  const offset = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone.toUpperCase();
  return epochTime(Date.parse(`${date}T${clock}${fraction.slice(0, 4)}${offset}`));
}

/** ISO 8601 UTC of a Unix time in milliseconds, or null for NaN and absurd values. */
export function epochTime(ms: number): string | null {
  // 1990…2200: a post time outside this range is a parsing accident, not a post.
  if (!Number.isFinite(ms) || ms < 631_152_000_000 || ms > 7_258_118_400_000) return null;
  return new Date(ms).toISOString();
}

// ---------------------------------------------------------------------------------------
// Language

const LANG_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
/** Codes that name no language: undetermined, none, multiple. */
const NOT_A_LANGUAGE = /^(?:und|zxx|mul)$/i;

/** A BCP-47-shaped language code, or null. */
export function languageTag(raw: string | null | undefined): string | null {
  const lang = raw?.trim() ?? '';
  if (lang.length > 35 || !LANG_TAG.test(lang) || NOT_A_LANGUAGE.test(lang)) return null;
  return lang;
}

// ---------------------------------------------------------------------------------------
// URLs and links

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
/** Scheme, optional user info, host. */
const URL_HOST = /^https?:\/\/(?:[^/?#@\s]*@)?([^/?#:\s]+)/i;

/** `raw` when it is an absolute http(s) URL a Post may hold, else null. */
export function httpUrl(raw: string | null | undefined): string | null {
  const url = raw?.trim() ?? '';
  return url.length <= URL_MAX && HTTP_URL.test(url) ? url : null;
}

/** The bare host (see bareHost) of an absolute http(s) URL, or null. */
export function urlHost(url: string): string | null {
  const host = URL_HOST.exec(url)?.[1];
  return host === undefined ? null : bareHost(host);
}

/**
 * The value of a query parameter, decoded; null when absent. URLSearchParams decodes leniently
 * (a malformed escape becomes U+FFFD instead of throwing).
 */
export function queryParam(url: string, name: string): string | null {
  const query = /\?([^#]*)/.exec(url)?.[1];
  return query === undefined ? null : new URLSearchParams(query).get(name);
}

/** Adds `url` to `links` unless it is already there or the list is full. */
export function addLink(links: string[], url: string): void {
  if (links.length < LINKS_MAX && url.length <= URL_MAX && !links.includes(url)) links.push(url);
}

/**
 * Does a link's visible text spell a URL (possibly shortened with "…" or "...")? Then the text
 * shows the full target instead; a link on words ("this study") keeps its words.
 */
export function showsUrl(text: string): boolean {
  const shown = text.trim().replace(/(?:…|\.\.\.)$/, '');
  return /^(?:https?:\/\/|www\.)\S+$/i.test(shown) || /^[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\S*$/i.test(shown);
}
