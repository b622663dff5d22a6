/** A post root read into a Post by its dialect, with what the page's JSON-LD adds. */
import type { Post, QuotedPost } from '../../core/post';
import type { Dialect } from './dialect';
import { hCiteQuoted, hEntry } from './h-entry';
import { type JsonLdPosting, withJsonLd } from './json-ld';
import { microdata, microdataQuoted } from './microdata';
import { plainArticle } from './plain-article';
import { STRUCTURED_ROOT, type Kind } from './roots';

export const DIALECTS: Readonly<Record<Kind, Dialect>> = {
  microdata,
  hentry: hEntry,
  article: plainArticle,
};

/** The post a root shows, without its thread context (`parent` is null). */
export function extract(root: Element, kind: Kind, postings: JsonLdPosting[]): Post | null {
  const dialect = DIALECTS[kind];
  const permalink = dialect.permalink(root);
  if (permalink === null) return null;
  const doc = root.ownerDocument;
  // A plain article is a post only on a page that says it has posts: never on an ordinary article page.
  if (kind === 'article' && postings.length === 0 && doc.querySelector(STRUCTURED_ROOT) === null) return null;
  const fields = withJsonLd(dialect.fields(root, false), permalink.url, postings);
  if (fields.text === '' && fields.media.imageAlts.length === 0 && !fields.media.hasVideo) return null;
  return {
    site: 'generic',
    id: permalink.url,
    url: permalink.url,
    author: { name: fields.name, handle: fields.handle },
    time: fields.time,
    text: fields.text,
    lang: fields.lang,
    truncated: fields.truncated,
    links: fields.links,
    media: fields.media,
    quoted: fields.quote === null ? null : quotedFrom(fields.quote),
    parent: null,
    replyTo: fields.replyTo,
  };
}

/**
 * A quoted or shared post (microdata sharedContent, h-cite): what it shows, its URL when given;
 * not its own quote. A microdata item is read as one, anything else as an h-cite.
 */
export function quotedFrom(el: Element): QuotedPost {
  return el.hasAttribute('itemscope') ? microdataQuoted(el) : hCiteQuoted(el);
}
