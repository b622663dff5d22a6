/**
 * Generic adapter for pages without an adapter of their own, used only where the user enabled
 * Footnote. It reads posts in the dialects such pages mark them up in, in order of trust:
 * schema.org microdata posting items (microdata.ts), microformats2 h-entry (h-entry.ts), then
 * plain `article`/`[role=article]` elements with a permalink (plain-article.ts) — the last only on
 * pages that carry posting structured data (JSON-LD, microdata or h-entry), so that an ordinary
 * article page never yields a post. JSON-LD postings (json-ld.ts) describe a page's posts without
 * marking them in the DOM: they fill in what a matching post lacks (handle, language, time, text).
 *
 * Post ids are the post's permalink (permalink.ts); the same URL is the Post's url.
 */
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { JSON_LD, jsonLdPostings } from './json-ld';
import { DIALECTS, extract } from './post';
import { HENTRY, POST_ROOT, STRUCTURED_ROOT, kindOf } from './roots';
import { parentOf } from './thread';

export const genericAdapter: SiteAdapter = {
  id: 'generic',
  /** Any page of a site the user enabled may rightly have no posts. */
  expectsPosts: () => false,
  /**
   * Never: on an arbitrary site no URL tells a forum topic or a commented blog post from any other
   * page, and this question is asked by URL alone.
   */
  threadPage: () => false,
  probes: { 'h-entry': HENTRY, 'JSON-LD': JSON_LD },
  postRootSelector: POST_ROOT,
  // Comments (h-entry, microdata Comment) can sit inside the post they answer.
  nestedRoots: true,

  /** Never by URL: only on sites the user enables, and then by matchesDocument. */
  matchesLocation() {
    return false;
  },

  matchesDocument(document) {
    return document.querySelector(STRUCTURED_ROOT) !== null || jsonLdPostings(document).length > 0;
  },

  postId(root) {
    const kind = kindOf(root);
    return kind === null ? null : (DIALECTS[kind].permalink(root)?.url ?? null);
  },

  extractPost(root) {
    const kind = kindOf(root);
    if (kind === null) return null;
    const postings = jsonLdPostings(root.ownerDocument);
    const post = extract(root, kind, postings);
    return post === null ? null : { ...post, parent: parentOf(root, kind, postings) };
  },

  badgeAnchor(root) {
    const kind = kindOf(root);
    const permalink = kind === null ? null : DIALECTS[kind].permalink(root);
    const el = permalink?.element;
    const parent = el?.parentElement;
    if (!el || !parent || !root.contains(parent)) return null;
    // After the permalink (usually the timestamp), in the post's own header line.
    return { parent, before: el.nextSibling } satisfies BadgeAnchor;
  },
};
