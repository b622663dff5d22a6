/**
 * X / Twitter adapter. The DOM it reads is described in utils/sites/x/README.md; only data-testid,
 * role, aria-*, lang, href and time[datetime] are relied on (class names rotate).
 */
import {
  LINKS_MAX,
  POST_TEXT_MAX,
  REPLY_TO_MAX,
  SHORT_TEXT_MAX,
  URL_MAX,
  type PlatformContext,
  type Post,
  asQuoted,
  type PostMedia,
  type QuotedPost,
} from '../../core/post';
import { readText, type ReadTextOptions } from '../dom-text';
import { platformContext, withPlatformContext } from '../platform-context';
import { communityNoteBody } from './community-note';
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';
import { snowflakeTime, X_SNOWFLAKE } from '../snowflake';
import { clip, firstOutside } from '../post-fields';
import { picturesOf, postMedia } from '../post-media';

const POST_ROOT = 'article[data-testid="tweet"]';
/** The author block; early-2023 builds named it `User-Names` (status-with-replies-2023-*.html). */
const USER_NAME = '[data-testid="User-Name"], [data-testid="User-Names"]';
const TWEET_TEXT = '[data-testid="tweetText"]';
const SHOW_MORE = '[data-testid="tweet-text-show-more-link"]';
/** The timestamp inside the post's own permalink (a quote card's timestamp is not a link). */
const PERMALINK_TIME = 'a[href*="/status/"] time[datetime]';
const STATUS_LINK = 'a[href*="/status/"]';
const CARD = 'div[role="link"]';
/** An Article (long-form post) has a title and a rich-text body instead of tweetText. */
const ARTICLE_TITLE = '[data-testid="twitter-article-title"]';
const ARTICLE_BODY = '[data-testid="twitterArticleRichTextView"]';
/** A code block in an Article: a label and a copy button, then the `<pre>`. */
const CODE_BLOCK = '[data-testid="markdown-code-block"]';
/** Emoji are `<img>` from X's emoji CDN: text, not pictures. */
const EMOJI = 'img[src*="/emoji/"]';
const PHOTO_IMG = `[data-testid="tweetPhoto"] img, ${ARTICLE_BODY} img:not(${EMOJI})`;
const VIDEO = '[data-testid="videoPlayer"], [data-testid="videoComponent"], video';
/** A photo on X's media host: the address without its size (`:large`), and its query. */
const X_PHOTO =
  /^(https:\/\/pbs\.twimg\.com\/media\/[\w-]{1,100}(?:\.\w{1,5})?)(?::\w{1,10})?(?:\?([^#]*))?$/;
/**
 * The label X gives a video without a description: "Embedded video", and in other languages the
 * same two words ("Vídeo incorporado", "Eingebettetes Video", "Vidéo intégrée").
 */
const GENERIC_VIDEO_LABEL = /^(?:\S+\s)?v[ií]d[eé]o(?:\s\S+)?$/i;

/** `/{handle}/status/{id}` (also absolute, and X's handle-less `/i/status/{id}`, `/i/web/status/{id}`). */
const STATUS_HREF =
  /^(?:https?:\/\/[^/?#]+)?\/(?:([A-Za-z0-9_]{1,50})|i\/web)\/status\/(\d{1,20})(?:[/?#]|$)/;
const PROFILE_HREF = /^\/([A-Za-z0-9_]{1,50})$/;
const HANDLE_TEXT = /^@([A-Za-z0-9_]{1,50})$/;
const HTTP_URL = /^https?:\/\/\S+$/i;
/** BCP-47-shaped codes only. */
const LANG_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
/** Codes that name no language: undetermined, none, multiple, and X's private-use ones (qme = media only, qht = hashtags only…). */
const NOT_A_LANGUAGE = /^(?:und|zxx|mul|q[a-t][a-z])$/i;

const DOCUMENT_POSITION_PRECEDING = 2;
const DOCUMENT_POSITION_FOLLOWING = 4;

interface StatusRef {
  id: string;
  /** Null for handle-less links (`/i/status/…`). */
  handle: string | null;
}

interface Permalink extends StatusRef {
  time: Element;
}

/** Home, a profile and its tabs, a status page: pages that show posts once loaded. */
const FEED_PATH =
  /^\/(?:home|(?!(?:settings|messages|notifications|explore|search|compose|login|logout|signup|i|jobs|tos|privacy)\/?$)[A-Za-z0-9_]{1,50}(?:\/with_replies|\/media|\/status\/\d{1,25})?)\/?$/;
/** A status page, the post with its conversation: `/{handle}/status/{id}` (also `/i/web/status/{id}`). */
const STATUS_PATH = /^\/(?:[A-Za-z0-9_]{1,50}|i\/web)\/status\/\d{1,25}\/?$/;

export const xAdapter: SiteAdapter = {
  id: 'x',
  expectsPosts: (location) => FEED_PATH.test(location.pathname),
  threadPage: (location) => STATUS_PATH.test(location.pathname),
  probes: { text: TWEET_TEXT, author: USER_NAME, permalink: PERMALINK_TIME },
  postRootSelector: POST_ROOT,

  matchesLocation(location) {
    return isSiteHost('x', location.hostname);
  },

  postId(root) {
    return permalinkOf(root)?.id ?? null;
  },

  extractPost(root) {
    const post = extract(root);
    if (post === null) return null;
    const parent = parentArticle(root, post.replyTo);
    const context = parent === null ? null : extract(parent);
    return { ...post, parent: context === null ? null : asQuoted(context) };
  },

  badgeAnchor(root) {
    const userName = authorNameAroundPermalink(root) ?? firstOutside(root, USER_NAME, quoteCardIn(root));
    return userName === null ? null : anchorBeside(root, userName);
  },
};

/** The post a root shows, without its thread context (`parent` is null). */
function extract(root: Element): Post | null {
  const permalink = permalinkOf(root);
  if (permalink === null) return null; // placeholder, emptied cell, ad, unavailable post
  const card = quoteCardIn(root);
  const userName = firstOutside(root, USER_NAME, card);
  const handle = handleIn(userName) ?? permalink.handle ?? '';
  const body = bodyOf(root, card);
  const { text, links, clipped } = body;
  const post: Post = {
    site: 'x',
    id: permalink.id,
    url: statusUrl(permalink.handle ?? (handle || null), permalink.id),
    author: { name: displayName(userName), handle },
    time: isoTime(permalink.time) ?? snowflakeTime(permalink.id, X_SNOWFLAKE),
    text,
    lang: body.lang,
    truncated: clipped || firstOutside(root, SHOW_MORE, card) !== null,
    links,
    media: mediaIn(root, card),
    quoted: quotedPostIn(card),
    parent: null,
    replyTo: replyTargets(root, card, userName, body.element),
  };
  return withPlatformContext(post, [communityNote(root, card)]);
}

/** The Community Note X shows under the post: its body, read like a post's text (links in full). */
function communityNote(root: Element, card: Element | null): PlatformContext | null {
  return platformContext('community_note', textOf(communityNoteBody(root, card), {}).text);
}

// ---------------------------------------------------------------------------------------
// Permalink and quote card

/**
 * The post's own permalink: the first status link wrapping a timestamp outside the quote card.
 * Scoped to the root, and in every real layout the first hit is it, so this stays cheap.
 */
function permalinkOf(root: Element): Permalink | null {
  const known = permalinks.get(root);
  if (known !== undefined) {
    // Recycled rows keep their nodes and rewrite the href: the link found last time still is
    // the permalink while it is in the root and wraps a timestamp (X's `a > time`).
    const time = known.firstElementChild;
    if (time?.localName === 'time' && time.hasAttribute('datetime') && root.contains(known)) {
      const ref = parseStatusHref(known.getAttribute('href'));
      if (ref !== null) return { ...ref, time };
    }
    permalinks.delete(root);
  }
  const found = findPermalink(root);
  const link = found?.time.parentElement;
  if (link?.matches(STATUS_LINK)) permalinks.set(root, link);
  return found;
}

/** Each root's permalink element, as last found (weakly held: roots that leave are collected). */
const permalinks = new WeakMap<Element, Element>();

function findPermalink(root: Element): Permalink | null {
  const first = root.querySelector(PERMALINK_TIME);
  if (first === null) return null; // no timestamp link at all: not a (loaded) post
  const firstRef = permalinkAround(first, root);
  if (firstRef !== null) return firstRef;
  for (const time of root.querySelectorAll(PERMALINK_TIME)) {
    const ref = permalinkAround(time, root);
    if (ref !== null) return ref;
  }
  return null;
}

function permalinkAround(time: Element, root: Element): Permalink | null {
  const link = time.closest(STATUS_LINK);
  if (link === null || !root.contains(link) || isInQuoteCard(link, root)) return null;
  const ref = parseStatusHref(link.getAttribute('href'));
  return ref === null ? null : { ...ref, time };
}

function parseStatusHref(href: string | null): StatusRef | null {
  const match = href === null ? null : STATUS_HREF.exec(href);
  if (!match?.[2]) return null;
  const handle = match[1] && match[1] !== 'i' ? match[1] : null;
  return { id: match[2], handle };
}

/**
 * In the feed, the post's own permalink sits in its author's User-Name (name · @handle · time):
 * found from there in a few steps instead of two queries over the whole post, for every post
 * that scrolls in. A focused post on its status page keeps its time elsewhere: null.
 */
function authorNameAroundPermalink(root: Element): Element | null {
  const name = permalinkOf(root)?.time.closest(USER_NAME);
  return name && root.contains(name) ? name : null;
}

/** Is `el` inside a quote card (a `div[role="link"]` holding its own User-Name) of `root`? */
function isInQuoteCard(el: Element, root: Element): boolean {
  let card = el.closest(CARD);
  while (card !== null && card !== root && root.contains(card)) {
    if (card.querySelector(USER_NAME) !== null) return true;
    card = card.parentElement?.closest(CARD) ?? null;
  }
  return false;
}

/**
 * The quote card: the first `div[role="link"]` that nests a second User-Name. Language-independent,
 * unlike the visually hidden "Quote" label next to it, which X translates.
 */
function quoteCardIn(root: Element): Element | null {
  for (const card of root.querySelectorAll(CARD)) {
    if (card.querySelector(USER_NAME) !== null) return card;
  }
  return null;
}

function statusUrl(handle: string | null, id: string): string {
  return `https://x.com/${handle ?? 'i'}/status/${id}`;
}

// ---------------------------------------------------------------------------------------
// Author and time

/** Display name: the first `[dir]` block of User-Name's first child (spans + emoji `<img alt>`). */
function displayName(userName: Element | null): string {
  const block = userName?.firstElementChild;
  if (!block) return ''; // no author block: a garbled or stripped article
  return clip(readText(block.querySelector('[dir]') ?? block), SHORT_TEXT_MAX);
}

/**
 * The author's handle: the "@handle" shown after the display name (quote cards show it only as
 * text), spelled as in the matching profile link when there is one; else the first profile link.
 * Never read from the display name, which anyone can set to "@someone_else".
 */
function handleIn(userName: Element | null): string | null {
  if (userName === null) return null;
  const shown = shownHandle(userName);
  const linked = Array.from(
    userName.querySelectorAll('a[href]'),
    (a) => PROFILE_HREF.exec(a.getAttribute('href') ?? '')?.[1],
  );
  const matching = linked.find((h) => h !== undefined && h.toLowerCase() === shown?.toLowerCase());
  return matching ?? shown ?? linked.find((h) => h !== undefined) ?? null;
}

function shownHandle(userName: Element): string | null {
  const nameBlock = userName.firstElementChild;
  for (const span of userName.querySelectorAll('span')) {
    if (nameBlock?.contains(span)) continue;
    const match = HANDLE_TEXT.exec(span.textContent?.trim() ?? '');
    if (match?.[1]) return match[1];
  }
  return null;
}

function isoTime(time: Element | null | undefined): string | null {
  const ms = Date.parse(time?.getAttribute('datetime') ?? '');
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

// ---------------------------------------------------------------------------------------
// Text, language, links

interface PostText {
  text: string;
  links: string[];
  /** The text was longer than a Post may hold and was cut. */
  clipped: boolean;
}

interface Body extends PostText {
  lang: string | null;
  /** The text element (an Article's title); null for a post without text. */
  element: Element | null;
}

/** The post's tweetText, or an Article's title and body. */
function bodyOf(root: Element, card: Element | null): Body {
  const textEl = firstOutside(root, TWEET_TEXT, card);
  if (textEl !== null) return { ...postText(textEl), lang: displayLang(textEl), element: textEl };
  const parts = [ARTICLE_TITLE, ARTICLE_BODY].flatMap((selector) => firstOutside(root, selector, card) ?? []);
  if (parts.length === 0) return { ...postText(null), lang: null, element: null }; // media-only post
  return { ...articleText(parts), lang: articleLang(root, parts), element: parts[0]! };
}

/**
 * tweetText: emoji as their alt, t.co links as the full URL their (partly aria-hidden) text
 * spells, mentions and hashtags as shown, literal line breaks kept.
 */
function postText(textEl: Element | null): PostText {
  return textOf(textEl === null ? [] : [textEl], {});
}

/** Lists, list items, headings and paragraphs of an Article body; its other blocks are Draft.js `data-block` divs. */
const ARTICLE_BLOCKS: ReadonlySet<string> = new Set([
  'UL',
  'OL',
  'LI',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'P',
]);

/**
 * An Article: its title, then each heading, paragraph, list item and code block of its body on
 * lines of their own (article-logged-in-kepano.html; a link inside a line sits in a div of its own,
 * so divs are no blocks). Pictures are media, not text; a code block is its code, without the
 * language label and copy button above it.
 */
function articleText(parts: readonly Element[]): PostText {
  return textOf(parts, {
    blockTags: ARTICLE_BLOCKS,
    isBlock: (el) => el.getAttribute('data-block') === 'true',
    replaceElement(el) {
      if (el.tagName === 'PRE') return readText(el); // verbatim, outer blank lines dropped
      if (el.tagName === 'BUTTON' || (el.tagName === 'IMG' && !el.matches(EMOJI))) return '';
      return el.parentElement?.matches(CODE_BLOCK) ? '' : undefined;
    },
  });
}

/** The text of `parts`, one after the other on lines of their own, links read as X shows them. */
function textOf(parts: readonly Element[], options: ReadTextOptions): PostText {
  const links: string[] = [];
  const read: ReadTextOptions = {
    ...options,
    replaceElement(el) {
      const replaced = options.replaceElement?.(el);
      if (replaced !== undefined || el.tagName !== 'A') return replaced;
      const target = externalTarget(el);
      if (target === null) return undefined; // mention, hashtag, cashtag: text as shown
      if (target.length <= URL_MAX && !links.includes(target) && links.length < LINKS_MAX) links.push(target);
      return target;
    },
  };
  const full = parts
    .map((part) => readText(part, read))
    .filter((text) => text !== '')
    .join('\n');
  const text = clip(full, POST_TEXT_MAX);
  return { text, links, clipped: text.length < full.length };
}

/**
 * The full URL an outbound link points to, or null for links within X. The href is a t.co
 * short link; the anchor's text holds the whole URL (protocol and tail in aria-hidden spans)
 * followed by a "…" when the visible part is shortened.
 */
function externalTarget(a: Element): string | null {
  const href = a.getAttribute('href') ?? '';
  if (!HTTP_URL.test(href)) return null; // relative: /user, /hashtag/…, /search?q=$…
  const shown = (a.textContent ?? '').trim().replace(/…$/, '');
  if (isXHost(href) && /^[@#$]/.test(shown)) return null; // an absolute mention/hashtag link
  return HTTP_URL.test(shown) ? shown : href;
}

function isXHost(url: string): boolean {
  const host = /^https?:\/\/([^/?#:]+)/i.exec(url)?.[1];
  return host !== undefined && isSiteHost('x', host);
}

/** An Article's language, where its markup gives one: on the title or body, or around them in the post. */
function articleLang(root: Element, parts: readonly Element[]): string | null {
  for (const part of parts) {
    const holder = part.closest('[lang]');
    if (holder !== null && root.contains(holder)) return displayLang(holder);
  }
  return null;
}

/** The language of the text as displayed (after X's auto-translation, that is the target language). */
function displayLang(textEl: Element | null): string | null {
  const lang = textEl?.getAttribute('lang')?.trim() ?? '';
  if (!LANG_TAG.test(lang) || lang.length > 35 || NOT_A_LANGUAGE.test(lang)) return null;
  return lang;
}

// ---------------------------------------------------------------------------------------
// Media, quote, replies

/** Photos and video of `scope`, leaving out the quote card unless it is the scope. */
function mediaIn(scope: Element, skip: Element | null): PostMedia {
  const outside = (el: Element) => skip === null || !skip.contains(el);
  // A thumbnail inside a video player is the video, not a photo.
  const photos = Array.from(scope.querySelectorAll(PHOTO_IMG)).filter(
    (img) => outside(img) && img.closest(VIDEO) === null,
  );
  const hasVideo = Array.from(scope.querySelectorAll(VIDEO)).some(outside);
  return postMedia(picturesOf(photos, photoUrl), hasVideo, videoDescription(scope, outside));
}

/**
 * A photo at name=medium (at most 1,200 px on its long side) whatever size the page loaded
 * (name=small, 900x900, 360x360; `:large` in older markup); null off X's photo host.
 */
function photoUrl(img: Element): string | null {
  const match = X_PHOTO.exec(img.getAttribute('src') ?? '');
  if (match === null) return null;
  const params = new URLSearchParams(match[2] ?? '');
  params.set('name', 'medium');
  return `${match[1]}?${params}`;
}

/** The author's description of a video: its player's label, unless that is X's "Embedded video". */
function videoDescription(scope: Element, outside: (el: Element) => boolean): string | null {
  for (const video of scope.querySelectorAll('video[aria-label]')) {
    const label = video.getAttribute('aria-label')?.trim() ?? '';
    if (outside(video) && !GENERIC_VIDEO_LABEL.test(label)) return label;
  }
  return null;
}

function quotedPostIn(card: Element | null): QuotedPost | null {
  if (card === null) return null;
  const userName = card.querySelector(USER_NAME);
  const handle = handleIn(userName);
  const textEl = card.querySelector(TWEET_TEXT);
  const ref = quoteStatusRef(card, handle);
  const { text, clipped } = postText(textEl);
  return {
    id: ref?.id ?? null,
    url: ref === null ? null : statusUrl(ref.handle ?? handle, ref.id),
    author: { name: displayName(userName), handle: handle ?? '' },
    time: isoTime(card.querySelector('time[datetime]')),
    text,
    lang: displayLang(textEl),
    truncated: clipped || card.querySelector(SHOW_MORE) !== null,
    media: mediaIn(card, null),
  };
}

/**
 * The quoted post's id, only when the card links to it (a photo link or the "Show more" link):
 * the card itself has no permalink. A link to another author's post is not taken for it.
 */
function quoteStatusRef(card: Element, handle: string | null): StatusRef | null {
  for (const link of card.querySelectorAll(STATUS_LINK)) {
    const ref = parseStatusHref(link.getAttribute('href'));
    if (ref === null) continue;
    const sameAuthor =
      handle === null || ref.handle === null || ref.handle.toLowerCase() === handle.toLowerCase();
    if (sameAuthor) return ref;
  }
  return null;
}

/**
 * Handles in the "Replying to @a @b" row: profile links whose text is "@handle", between the
 * author block and the text (so not mentions, not the quote card, not notes under the text).
 */
function replyTargets(
  root: Element,
  card: Element | null,
  userName: Element | null,
  textEl: Element | null,
): string[] {
  const handles: string[] = [];
  for (const link of root.querySelectorAll('a[href^="/"]')) {
    if (handles.length >= REPLY_TO_MAX) break;
    if (card?.contains(link) || userName?.contains(link) || textEl?.contains(link)) continue;
    const afterAuthor =
      userName === null || userName.compareDocumentPosition(link) & DOCUMENT_POSITION_FOLLOWING;
    const beforeText = textEl === null || textEl.compareDocumentPosition(link) & DOCUMENT_POSITION_PRECEDING;
    if (!afterAuthor || !beforeText) continue;
    const shown = HANDLE_TEXT.exec(link.textContent?.trim() ?? '')?.[1];
    if (shown && PROFILE_HREF.test(link.getAttribute('href') ?? '') && !handles.includes(shown)) {
      handles.push(shown);
    }
  }
  return handles;
}

// ---------------------------------------------------------------------------------------
// Thread context

const CELL = '[data-testid="cellInnerDiv"]';
/** How far up a conversation to look for the focused post (rows are virtualised: a few dozen). */
const CELLS_SCANNED = 200;
/** How deep the reply line sits in an article's first-child chain (6 or 7 levels in X's builds). */
const REPLY_LINE_DEPTH = 8;

/**
 * The article this one replies to, when the page shows it: the post above when X draws the
 * conversation line into this one; else, below the focused post of a status page
 * (`tabindex="-1"`), that focused post when this reply names its author.
 */
function parentArticle(root: Element, replyTo: string[]): Element | null {
  const cell = root.closest(CELL);
  if (cell === null) return null;
  if (hasReplyLineAbove(root)) {
    const above = articleIn(cell.previousElementSibling);
    return above !== null && permalinkOf(above) !== null ? above : null;
  }
  if (replyTo.length === 0 || root.getAttribute('tabindex') === '-1') return null;
  let row = cell.previousElementSibling;
  for (let i = 0; row !== null && i < CELLS_SCANNED; i++, row = row.previousElementSibling) {
    const focused = row.querySelector(`${POST_ROOT}[tabindex="-1"]`);
    if (focused === null) continue;
    const author = handleIn(firstOutside(focused, USER_NAME, quoteCardIn(focused)))?.toLowerCase();
    return author !== undefined && replyTo.some((h) => h.toLowerCase() === author) ? focused : null;
  }
  return null;
}

function articleIn(cell: Element | null): Element | null {
  return cell?.matches(CELL) ? cell.querySelector(POST_ROOT) : null;
}

/**
 * X draws a 2px line in the strip above the avatar when a post continues the one above
 * [CPFT `isReplyToPreviousTweet`: the article's first-child chain, computed width 2px]. Class
 * names rotate, so the width is read from the computed style (inline style without a window).
 */
function hasReplyLineAbove(root: Element): boolean {
  const view = root.ownerDocument.defaultView;
  let el = root.firstElementChild;
  for (let depth = 0; el !== null && depth < REPLY_LINE_DEPTH; depth++, el = el.firstElementChild) {
    const width = view ? view.getComputedStyle(el).width : (el as HTMLElement).style?.width;
    if (width === '2px') return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Badge

/**
 * Beside the author block, in the header row that holds it (a flex row in X's layout), after
 * React's own children so that its re-renders leave the badge in place.
 */
function anchorBeside(root: Element, userName: Element): BadgeAnchor | null {
  const wrapper = userName.parentElement;
  const row = wrapper?.parentElement;
  if (!wrapper || !root.contains(wrapper)) return null; // not inside this root
  if (row && row !== root && root.contains(row)) return { parent: row, before: wrapper.nextSibling };
  return { parent: wrapper, before: userName.nextSibling }; // a flatter layout than X's
}
