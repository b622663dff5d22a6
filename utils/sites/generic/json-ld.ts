/**
 * schema.org JSON-LD postings (SocialMediaPosting, DiscussionForumPosting, BlogPosting, Comment).
 * They describe a page's posts without marking them in the DOM: they tell that the page has posts,
 * and fill in what the markup of a matching post lacks (handle, language, time, text).
 */
import { POST_TEXT_MAX, SHORT_TEXT_MAX } from '../../core/post';
import { clip, languageTag } from '../post-fields';
import type { Fields } from './dialect';
import { absoluteUrl, handleFrom, isoTime } from './fields';
import { POSTING_TYPES } from './roots';

export const JSON_LD = 'script[type="application/ld+json"]';
/** JSON-LD larger than this is not parsed (a page's posts take far less). */
const JSON_LD_MAX = 1_000_000;

export interface JsonLdPosting {
  urls: string[];
  name: string;
  handle: string;
  time: string | null;
  text: string;
  lang: string | null;
}

/** Every posting object in the page's JSON-LD, also inside @graph and nested (comment, hasPart…). */
export function jsonLdPostings(doc: Document): JsonLdPosting[] {
  const found: JsonLdPosting[] = [];
  for (const script of doc.querySelectorAll(JSON_LD)) {
    const source = script.textContent ?? '';
    if (source.length > JSON_LD_MAX) continue;
    collectPostings(parseJson(source), doc, found, 0);
  }
  return found;
}

/**
 * Fills what the DOM lacks from the JSON-LD posting that describes the same post: the one whose
 * url/@id is the permalink, else the one by the same author at the same instant (a page's main
 * posting usually carries the topic's URL, not the first post's).
 */
export function withJsonLd(fields: Fields, url: string, postings: JsonLdPosting[]): Fields {
  const match =
    postings.find((p) => p.urls.includes(url)) ??
    postings.find(
      (p) => p.time !== null && p.time === fields.time && p.name !== '' && p.name === fields.name,
    );
  if (match === undefined) return fields;
  return {
    ...fields,
    name: fields.name || match.name,
    handle: fields.handle || match.handle,
    time: fields.time ?? match.time,
    text: fields.text || match.text,
    lang: fields.lang ?? match.lang,
  };
}

/**
 * Page data, possibly malformed. Raw line breaks inside strings (bsky.app writes them) are read
 * as if escaped; anything else unparseable is simply absent.
 */
function parseJson(source: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch {
    // Retried below, leniently.
  }
  try {
    return JSON.parse(escapeControlCharacters(source)) as unknown;
  } catch {
    return null;
  }
}

/** JSON string literals (their content cannot hold an unescaped quote). */
const JSON_STRING = /"(?:[^"\\]|\\[\s\S])*"/g;
// JSON forbids raw control characters inside strings: these are what gets escaped.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f]/g;

/** Control characters inside string literals, written as `\uXXXX` escapes; the rest untouched. */
function escapeControlCharacters(source: string): string {
  return source.replace(JSON_STRING, (literal) =>
    literal.replace(CONTROL_CHARACTER, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/** Depth and count bounds: page data is untrusted, a page's posts need neither more. */
function collectPostings(node: unknown, doc: Document, out: JsonLdPosting[], depth: number): void {
  if (depth > 8 || node === null || typeof node !== 'object' || out.length >= 500) return;
  if (Array.isArray(node)) {
    for (const item of node) collectPostings(item, doc, out, depth + 1);
    return;
  }
  const obj = node as Record<string, unknown>;
  if (isPostingType(obj['@type'])) out.push(postingOf(obj, doc));
  for (const value of Object.values(obj)) {
    if (value !== null && typeof value === 'object') collectPostings(value, doc, out, depth + 1);
  }
}

/** A posting `@type`: by name, schema.org URL or `schema:` prefix, alone or among others. */
function isPostingType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some(
    (t) =>
      typeof t === 'string' && POSTING_TYPES.includes(t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, '')),
  );
}

function postingOf(obj: Record<string, unknown>, doc: Document): JsonLdPosting {
  const author = first(obj.author) ?? first(obj.creator);
  const authorObj =
    author !== null && typeof author === 'object' ? (author as Record<string, unknown>) : null;
  const urls = [str(obj.url), str(obj['@id'])]
    .map((u) => (u === '' ? null : absoluteUrl(u, doc)))
    .filter((u): u is string => u !== null);
  return {
    urls,
    name: clip(authorObj ? str(authorObj.name) : str(author), SHORT_TEXT_MAX),
    handle: authorObj
      ? handleFrom(
          str(authorObj.alternateName) || str(authorObj.identifier) || null,
          str(authorObj.url) || null,
          doc,
        )
      : '',
    time: isoTime(str(obj.datePublished) || str(obj.dateCreated) || null),
    text: clip((str(obj.articleBody) || str(obj.text)).trim(), POST_TEXT_MAX),
    lang: languageTag(str(obj.inLanguage) || null),
  };
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
