/**
 * Post roots: which elements are posts and in which dialect, and which markup inside a post is
 * its own rather than a nested post's (a comment, a quote) or an author card's.
 */

/** schema.org types that describe a post (BlogPosting, DiscussionForumPosting: SocialMediaPosting subtypes). */
export const POSTING_TYPES = ['SocialMediaPosting', 'DiscussionForumPosting', 'BlogPosting', 'Comment'];
const POSTING_ITEMTYPE = new RegExp(`^https?://schema\\.org/(?:${POSTING_TYPES.join('|')})$`);

/** A schema.org microdata posting item (the itemtype check in isPostingItem is exact). */
const MICRODATA_ROOT = POSTING_TYPES.map((t) => `[itemscope][itemtype*="schema.org/${t}"]`).join(', ');
/** A microformats2 entry. */
export const HENTRY = '.h-entry';
/** A plain article, by HTML element or ARIA role. */
export const ARTICLE = 'article, [role="article"]';
/** Posts the markup declares as posts (microdata, h-entry): they tell a page with posts from one without. */
export const STRUCTURED_ROOT = `${MICRODATA_ROOT}, ${HENTRY}`;
export const POST_ROOT = `${STRUCTURED_ROOT}, ${ARTICLE}`;

/** The dialect a root is read in, in order of trust: microdata, h-entry, plain article. */
export type Kind = 'microdata' | 'hentry' | 'article';

export interface PostRoot {
  root: Element;
  kind: Kind;
}

/** What kind of post markup the root is; null for a plain article that wraps or sits in marked-up posts. */
export function kindOf(root: Element): Kind | null {
  if (isPostingItem(root)) return 'microdata';
  if (root.classList.contains('h-entry')) return 'hentry';
  if (!root.matches(ARTICLE)) return null;
  const structured =
    root.querySelector(STRUCTURED_ROOT) ?? root.parentElement?.closest(STRUCTURED_ROOT) ?? null;
  return structured === null ? 'article' : null; // the marked-up element is the post
}

function isPostingItem(el: Element): boolean {
  if (!el.hasAttribute('itemscope')) return false;
  return (el.getAttribute('itemtype') ?? '').split(/\s+/).some((type) => POSTING_ITEMTYPE.test(type));
}

const NESTING = `${POST_ROOT}, .h-card, .h-cite`;

/**
 * Inside a post nested in `root` (a comment, a quote), or in an h-card / h-cite of it. An article
 * that is no post of its own (a wrapper inside marked-up markup) nests nothing.
 */
export function isNested(el: Element, root: Element): boolean {
  let owner = el.parentElement?.closest(NESTING) ?? null;
  while (owner !== null && owner !== root && root.contains(owner)) {
    if (!owner.matches(ARTICLE) || kindOf(owner) !== null) return true;
    owner = owner.parentElement?.closest(NESTING) ?? null;
  }
  return false;
}

/** The first match of `selector` in `root` that belongs to the root's post itself, or null. */
export function firstOwn(root: Element, selector: string): Element | null {
  for (const el of root.querySelectorAll(selector)) {
    if (!isNested(el, root)) return el;
  }
  return null;
}

/** The post's own machine-readable timestamp. */
export function timeOf(root: Element): Element | null {
  return firstOwn(root, 'time[datetime]');
}
