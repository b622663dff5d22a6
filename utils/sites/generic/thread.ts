/** Thread context: the post a post answers, where the page shows it. */
import { type QuotedPost, asQuoted } from '../../core/post';
import type { JsonLdPosting } from './json-ld';
import { DIALECTS, extract, quotedFrom } from './post';
import { POST_ROOT, type Kind, type PostRoot, kindOf } from './roots';

/** Posts (markup wrappers that are no post of their own skipped) looked through for the enclosing one. */
const ENCLOSING_MAX = 8;

/**
 * The post this one replies to, where the page shows it: its dialect's reply context shown inside
 * it (h-entry's `u-in-reply-to h-cite`), else the post it sits in when its dialect's markup makes it
 * a comment of that post. Else null: a post inside another is not always a reply (quotes, shared
 * posts).
 */
export function parentOf(root: Element, kind: Kind, postings: JsonLdPosting[]): QuotedPost | null {
  const dialect = DIALECTS[kind];
  const cite = dialect.replyContext?.(root) ?? null;
  const context = cite === null ? null : quotedFrom(cite);
  if (context !== null && (context.url !== null || context.text !== '')) return context;
  const enclosing = enclosingPost(root);
  if (enclosing === null || !dialect.isCommentOf(root, enclosing)) return null;
  const parent = extract(enclosing.root, enclosing.kind, postings);
  return parent === null ? null : asQuoted(parent);
}

/** The nearest post around `root`: ancestors only, wrapper articles that are no post skipped. */
function enclosingPost(root: Element): PostRoot | null {
  let el = root.parentElement?.closest(POST_ROOT) ?? null;
  for (let i = 0; el !== null && i < ENCLOSING_MAX; i++) {
    const kind = kindOf(el);
    if (kind !== null) return { root: el, kind };
    el = el.parentElement?.closest(POST_ROOT) ?? null;
  }
  return null;
}
