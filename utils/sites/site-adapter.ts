import type { Post, SiteId } from '../core/post';

/** Where the badge goes: inserted into `parent` before `before` (null = append). */
export interface BadgeAnchor {
  parent: Element;
  before: Node | null;
}

/**
 * Everything Footnote knows about one site's DOM. Pure DOM functions: no AI, no messaging,
 * no state. Every function must tolerate any DOM (a site that changed yields nothing, never
 * an exception).
 */
export interface SiteAdapter {
  readonly id: SiteId;
  /** Is this page (by URL) one this adapter understands? */
  matchesLocation(location: { hostname: string; pathname: string }): boolean;
  /**
   * For software that runs on any host (Mastodon, generic pages): does this document look like
   * one this adapter understands? Checked only on hosts the user enabled Footnote on.
   */
  matchesDocument?(document: Document): boolean;
  /** CSS selector of post root elements, used by the observer to find candidates cheaply. */
  readonly postRootSelector: string;
  /**
   * Posts can hold other posts (comment trees, nested entries): the observer then looks for new
   * posts among nodes added inside a post too. Otherwise it skips them (cheaper).
   */
  readonly nestedRoots?: boolean;
  /**
   * The native id of the post this root shows now, or null when it shows none (an empty
   * or recycled cell, a placeholder). Cheap: called on every mutation batch.
   */
  postId(root: Element): string | null;
  /** Full extraction; null when the root is not a usable post. */
  extractPost(root: Element): Post | null;
  /** Where the badge goes in this root; null when no sensible place exists. */
  badgeAnchor(root: Element): BadgeAnchor | null;
  /**
   * Is this a page of the site that shows posts (a feed, a thread, a profile)? When such a page
   * shows none for a while, the popup says the site may have changed. False where a page may
   * rightly have none (settings, search forms, any page of a user-enabled site).
   */
  expectsPosts(location: { hostname: string; pathname: string }): boolean;
  /**
   * Is this a thread or item page (a post with its replies, a story with its comments, a video
   * with its comments)? There "Summarize this discussion" is offered.
   */
  threadPage(location: { hostname: string; pathname: string }): boolean;
  /**
   * The selectors the adapter leans on, by a short name: the "site may have changed" diagnostic
   * reports how many nodes each matches, so a report shows which one broke.
   */
  readonly probes: Readonly<Record<string, string>>;
}
