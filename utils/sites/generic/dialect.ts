/** What each dialect of post markup (microdata, h-entry, plain article) provides to the adapter. */
import type { PostMedia } from '../../core/post';
import type { PostRoot } from './roots';

/** What a post shows, as a dialect reads it from the markup. */
export interface Fields {
  name: string;
  handle: string;
  time: string | null;
  text: string;
  truncated: boolean;
  links: string[];
  lang: string | null;
  media: PostMedia;
  /** The element of the post this one quotes or shares, read by its own dialect; null when none. */
  quote: Element | null;
  replyTo: string[];
}

export interface Permalink {
  url: string;
  /** Where the badge goes after: the permalink, or the timestamp when the URL is invisible metadata. */
  element: Element;
}

export interface Dialect {
  /** The post's permalink: the markup's own URL property where the dialect has one, else the shared fallbacks. */
  permalink(root: Element): Permalink | null;
  /**
   * What the post shows. `quoted`: the root is a post quoted inside another and read for the quote:
   * without a quote of its own or an author lent by the page around it.
   */
  fields(root: Element, quoted: boolean): Fields;
  /** The post this one answers, where the dialect shows it inside the post (h-entry's reply context). */
  replyContext?(root: Element): Element | null;
  /** Whether `root`, inside the post `parent`, is marked up as a comment on it (not a quote or an embed). */
  isCommentOf(root: Element, parent: PostRoot): boolean;
}
