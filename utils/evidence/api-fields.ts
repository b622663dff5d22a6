/**
 * Reading what third-party JSON APIs (Fact Check Tools, Wikipedia, web search) return into
 * evidence fields. Every value is untrusted: it becomes plain text or an http(s) URL, or nothing.
 */
import { clipText } from '../core/clip-text';
import * as z from 'zod/mini';
import { FetchFailed } from './bounded-fetch';
import type { GatheredEvidence } from '../core/evidence';

/** A string field an API may omit or send as something else: '' then. */
export const looseText = z.catch(z.string(), '');

/** A list an API may omit or garble: an element that does not fit is dropped, not the list. */
export function looseList<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.catch(z.array(z.unknown()), []),
    z.transform((list: unknown[]) =>
      list.flatMap((element) => {
        const parsed = item.safeParse(element);
        return parsed.success ? [parsed.data as z.infer<T>] : [];
      }),
    ),
  );
}

/** Parses an API answer with a loose schema; only an answer of the wrong kind altogether fails. */
export function readApiAnswer<T extends z.ZodMiniType>(
  schema: T,
  json: unknown,
  service: string,
): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new FetchFailed(`${service} answered something Footnote does not understand.`);
  return parsed.data as z.infer<T>;
}

// HTML 4's Latin-1 entity names for U+00A0…U+00FF, in order: accented letters are common in
// Portuguese and Spanish titles.
const LATIN1_ENTITIES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
  'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const NAMED_ENTITIES = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['hellip', '…'],
  ['ndash', '–'],
  ['mdash', '—'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['sbquo', '‚'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['bdquo', '„'],
  ['bull', '•'],
  ['euro', '€'],
  ['trade', '™'],
  ...LATIN1_ENTITIES.map((name, i): [string, string] => [name, String.fromCodePoint(0xa0 + i)]),
]);

// A tag starts with a letter ("<strong>", "</span>"): "a < b" in plain text is left alone.
const TAG = /<!--[\s\S]*?-->|<\/?([a-z][a-z\d]*)\b[^<>]*>/gi;
// Tags inside a run of text: dropped without a space, so "<b>Moraes</b>." stays "Moraes.".
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'code',
  'em',
  'i',
  'mark',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'u',
]);
const ENTITY = /&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z][a-z\d]{1,8}));/gi;
// Control characters (but tabs and line breaks, which become spaces) and bidirectional
// overrides, which can disguise text in the card.
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Untrusted API text (which may carry markup such as Wikipedia's `<span class="searchmatch">`
 * or Brave's `<strong>`) as plain text: tags dropped, entities decoded to characters (never to
 * markup: the result is only ever rendered as text), invisible controls removed, whitespace
 * collapsed.
 */
export function plainText(markup: string): string {
  return markup
    .replace(TAG, (_tag, name?: string) => (name && INLINE_TAGS.has(name.toLowerCase()) ? '' : ' '))
    .replace(ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined)
        return NAMED_ENTITIES.get(name) ?? NAMED_ENTITIES.get(name.toLowerCase()) ?? entity;
      const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    })
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `plainText` then `clipText`: the usual treatment of an API's string. */
export function apiText(markup: string, max: number): string {
  return clipText(plainText(markup), max);
}

/** "www.example.com" → "example.com": how a site is named when the API gives no name. */
export function siteName(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/**
 * An API's date as ISO 8601, or null when it is missing or not a date. A date-time without an
 * offset (Brave's "2024-03-12T09:00:00") is taken as UTC: the machine's zone is no better guess.
 */
export function isoDate(value: string): string | null {
  const time = Date.parse(/T[\d:.]+$/.test(value) ? `${value}Z` : value);
  return value === '' || Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The primary language subtag ("pt-BR" → "pt"), or null for a tag that is not a language. */
export function languageSubtag(tag: string | null): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The first item for each URL, at most `max` of them. */
export function distinctByUrl(items: GatheredEvidence[], max: number): GatheredEvidence[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.url) && seen.add(item.url)).slice(0, max);
}
