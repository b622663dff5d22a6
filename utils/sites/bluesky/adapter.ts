/**
 * Bluesky (bsky.app) adapter. The DOM it reads is described in utils/sites/bluesky/README.md:
 * React Native Web output, so only data-testid, role, aria-label, href and data-word-wrap are
 * relied on (class names are atomic and rotate; labels are localized).
 *
 * Post ids: `{handle}/{rkey}` when the post's permalink names the author by handle (the normal
 * case: bsky.app links by handle whenever it is valid), `at://{did}/app.bsky.feed.post/{rkey}`
 * when it names them by DID (an invalid handle). Both come from the permalink alone, so one
 * post always gets the same id; handles are lower-cased (they are case-insensitive).
 */
import {
  LINKS_MAX,
  POST_TEXT_MAX,
  SHORT_TEXT_MAX,
  URL_MAX,
  type Post,
  asQuoted,
  type PostMedia,
  type QuotedPost,
} from '../../core/post';
import { moderationContexts } from './moderation';
import { tidTime } from './tid';
import { readText } from '../dom-text';
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';
import { clip, firstOutside } from '../post-fields';
import { picturesOf, postMedia } from '../post-media';
import { withPlatformContext } from '../platform-context';

const ORIGIN = 'https://bsky.app';

/** [BSKY PostFeedItem.tsx `feedItem-by-`], [BSKY ThreadItemAnchor.tsx / ThreadItemPost.tsx `postThreadItem-by-`] */
const POST_ROOT = '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]';
const THREAD_ITEM_PREFIX = 'postThreadItem-by-';
/** [BSKY Post/Embed/index.tsx `title="Post by {handle}"`] */
const QUOTE_CARD = '[role="link"][aria-label^="Post by "]';
/** RichText: testID "postText" in feeds only; every RichText carries data-word-wrap [BSKY, DEF]. */
const POST_TEXT = '[data-testid="postText"]';
const RICH_TEXT = '[data-word-wrap="1"]';
const POST_LINK = 'a[href*="/post/"]';
const PROFILE_LINK = 'a[href^="/profile/"]';
/** [DEF bluesky.ts extractImages]: post images come from the feed_* CDN paths, avatars do not. */
const POST_IMAGE = 'img[src*="/img/feed_thumbnail/"], img[src*="/img/feed_fullsize/"]';

/** `/profile/{handle-or-did}/post/{rkey}` [BSKY links.ts makeProfileLink]; `tail` = liked-by etc. */
const POST_PATH = /^\/profile\/([^/?#]{1,253})\/post\/([A-Za-z0-9._:~-]{1,100})(?:\/([a-z-]+))?\/?$/;
const PROFILE_PATH = /^\/profile\/([^/?#]{1,253})\/?$/;
const DID = /^did:[a-z]{1,20}:[A-Za-z0-9._:%-]{1,200}$/;
const HANDLE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;
/** The anchor post's engagement links: the only links to it on its own page [BSKY ThreadItemAnchor.tsx]. */
const STATS_TAILS = new Set(['liked-by', 'reposted-by', 'quotes']);
/** forceLTR / sanitizeDisplayName wrap names in bidi controls [BSKY PostMeta.tsx]. */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const HTTP_URL = /^https?:\/\/\S+$/i;

interface PostRef {
  /** Handle (lower case) or DID, as the link names the author. */
  actor: string;
  rkey: string;
}

interface Permalink extends PostRef {
  /** The timestamp link in PostMeta; null for the thread's anchor post, which has none. */
  link: Element | null;
}

/** The home feed, a profile, a thread: pages that show posts once loaded. */
const FEED_PATH = /^\/(?:profile\/[^/]{1,253}(?:\/post\/[^/]{1,100})?)?\/?$/;
/** A thread: the post with its parents and replies (not its `liked-by`, `reposted-by`, `quotes` lists). */
const THREAD_PATH = /^\/profile\/[^/]{1,253}\/post\/[^/]{1,100}\/?$/;

export const blueskyAdapter: SiteAdapter = {
  id: 'bluesky',
  expectsPosts: (location) => FEED_PATH.test(location.pathname),
  threadPage: (location) => THREAD_PATH.test(location.pathname),
  probes: { text: POST_TEXT, permalink: POST_LINK, author: PROFILE_LINK },
  postRootSelector: POST_ROOT,

  matchesLocation(location) {
    return isSiteHost('bluesky', location.hostname);
  },

  postId(root) {
    const permalink = permalinkOf(root);
    return permalink === null ? null : postIdOf(permalink);
  },

  extractPost(root) {
    const post = extract(root);
    if (post === null) return null;
    const parent = parentItem(root);
    const context = parent === null ? null : extract(parent);
    return { ...post, parent: context === null ? null : asQuoted(context) };
  },

  badgeAnchor(root) {
    const permalink = permalinkOf(root);
    if (permalink === null) return null;
    const card = quoteCardIn(root);
    return afterPostMeta(root, permalink.link) ?? afterAuthorLink(root, card) ?? beforeText(root, card);
  },
};

/** The post a root shows, without its thread context (`parent` is null). */
function extract(root: Element): Post | null {
  const permalink = permalinkOf(root);
  if (permalink === null || isHidden(root)) return null; // placeholder, or a duplicate in a hidden tab
  const card = quoteCardIn(root);
  const textEl = postTextIn(root, card);
  const { text, links, clipped } = postText(textEl);
  const post: Post = {
    site: 'bluesky',
    id: postIdOf(permalink),
    url: postUrl(permalink),
    author: { name: displayName(root, permalink, card), handle: handleOf(root) ?? permalink.actor },
    time: tidTime(permalink.rkey),
    text,
    lang: null, // bsky.app does not render the record's langs (only its embed widget does)
    truncated: clipped, // long posts are clamped by CSS only: the full text is in the DOM
    links,
    media: mediaIn(root, card),
    quoted: quotedPostIn(card),
    parent: null,
    // bsky.app names the parent's author only by display name ("Replied to …"), never by handle.
    replyTo: [],
  };
  return withPlatformContext(post, moderationContexts(root, card, textEl));
}

// ---------------------------------------------------------------------------------------
// Ids and permalinks

function postIdOf(ref: PostRef): string {
  return DID.test(ref.actor)
    ? `at://${ref.actor}/app.bsky.feed.post/${ref.rkey}`
    : `${ref.actor}/${ref.rkey}`;
}

function postUrl(ref: PostRef): string {
  return `${ORIGIN}/profile/${ref.actor}/post/${ref.rkey}`;
}

/**
 * The post's own permalink: the PostMeta timestamp link (`/profile/{actor}/post/{rkey}`); on the
 * thread's anchor post, which has none, its engagement links or else the page's own path. Scoped
 * to the root.
 */
function permalinkOf(root: Element): Permalink | null {
  for (const link of root.querySelectorAll(POST_LINK)) {
    if (!isOwnLink(link, root)) continue;
    const ref = parsePostHref(link.getAttribute('href'));
    if (ref !== null && ref.tail === undefined) return { actor: ref.actor, rkey: ref.rkey, link };
  }
  return isThreadItem(root) ? anchorPermalink(root) : null;
}

/** Not in the quote card, the text (links to other posts) or an embed's card. */
function isOwnLink(link: Element, root: Element): boolean {
  const card = link.closest(QUOTE_CARD);
  if (card !== null && root.contains(card)) return false;
  const text = link.closest(RICH_TEXT);
  return text === null || !root.contains(text);
}

function parsePostHref(href: string | null): (PostRef & { tail?: string }) | null {
  const match = href === null ? null : POST_PATH.exec(href);
  const actor = match?.[1] ? normalActor(match[1]) : null;
  if (!match?.[2] || actor === null) return null;
  return { actor, rkey: match[2], tail: match[3] };
}

/** A DID as is, a handle in lower case; null for anything else. */
function normalActor(actor: string): string | null {
  if (DID.test(actor)) return actor;
  return HANDLE.test(actor) ? actor.toLowerCase() : null;
}

function isThreadItem(root: Element): boolean {
  return root.getAttribute('data-testid')?.startsWith(THREAD_ITEM_PREFIX) ?? false;
}

/**
 * The thread page's anchor post shows no timestamp link. Its likes/reposts/quotes links carry its
 * rkey; without them (no engagement yet) the page path names it, but only when this item is by
 * the author the path names (otherwise it is a reply that merely lacks its link).
 */
function anchorPermalink(root: Element): Permalink | null {
  const handle = handleOf(root);
  for (const link of root.querySelectorAll(POST_LINK)) {
    const ref = isOwnLink(link, root) ? parsePostHref(link.getAttribute('href')) : null;
    if (ref?.tail !== undefined && STATS_TAILS.has(ref.tail)) return preferHandle(ref, handle);
  }
  const ref = parsePostHref(pagePath(root.ownerDocument));
  if (ref === null || ref.tail !== undefined || handle === null) return null;
  const sameAuthor = ref.actor === handle || hasProfileLinkTo(root, ref.actor);
  return sameAuthor ? preferHandle(ref, handle) : null;
}

/** The page's path; `URL` rather than `location`, which documents without a window lack. */
function pagePath(doc: Document): string | null {
  return /^https?:\/\/[^/?#]+(\/[^?#]*)/i.exec(doc.URL)?.[1] ?? null;
}

/** Links by handle whenever the handle is valid, like bsky.app, so feed and thread ids agree. */
function preferHandle(ref: PostRef, handle: string | null): Permalink {
  const byHandle = handle !== null && handle !== 'handle.invalid' && HANDLE.test(handle);
  return { actor: byHandle ? handle : ref.actor, rkey: ref.rkey, link: null };
}

function hasProfileLinkTo(root: Element, actor: string): boolean {
  return Array.from(root.querySelectorAll(PROFILE_LINK)).some(
    (a) => parseProfileHref(a.getAttribute('href')) === actor,
  );
}

function parseProfileHref(href: string | null): string | null {
  const actor = href === null ? null : PROFILE_PATH.exec(href)?.[1];
  return actor ? normalActor(actor) : null;
}

// ---------------------------------------------------------------------------------------
// Author

/** The handle in the root's testid (`…-by-{handle}`), lower case (handles are case-insensitive). */
function handleOf(root: Element): string | null {
  const handle = /-by-(.+)$/.exec(root.getAttribute('data-testid') ?? '')?.[1];
  return handle ? clip(handle.toLowerCase(), SHORT_TEXT_MAX) : null;
}

/**
 * The display name: the first profile link with a name in the PostMeta row (the avatar link has
 * no text, the "@handle" link comes second); on the anchor post, the author link beside the avatar.
 * Never a repost/reply context row, whose links name someone else.
 */
function displayName(root: Element, permalink: Permalink, card: Element | null): string {
  const link = nameLink(permalink.link?.parentElement ?? root, card);
  return link === null ? '' : nameText(link);
}

function nameLink(scope: Element, card: Element | null): Element | null {
  for (const link of scope.querySelectorAll(PROFILE_LINK)) {
    if (card?.contains(link) || link.closest(RICH_TEXT) !== null) continue;
    if (parseProfileHref(link.getAttribute('href')) === null) continue;
    const name = nameText(link);
    if (name !== '' && !name.startsWith('@')) return link;
  }
  return null;
}

/** The link's first text block (the anchor's author link holds name and handle in two). */
function nameText(link: Element): string {
  const block = link.querySelector('[dir="auto"]') ?? link;
  return clip(readText(block).replace(BIDI_CONTROLS, '').trim(), SHORT_TEXT_MAX);
}

// ---------------------------------------------------------------------------------------
// Text and links

interface PostText {
  text: string;
  links: string[];
  clipped: boolean;
}

function postTextIn(scope: Element, card: Element | null): Element | null {
  return firstOutside(scope, POST_TEXT, card) ?? firstOutside(scope, RICH_TEXT, card);
}

/** RichText: literal line breaks; facet links shown shortened (`toShortUrl`), so read their href. */
function postText(textEl: Element | null): PostText {
  if (textEl === null) return { text: '', links: [], clipped: false }; // media-only post
  const links: string[] = [];
  const full = readText(textEl, {
    replaceElement(el) {
      if (el.tagName !== 'A') return undefined;
      const target = linkTarget(el);
      if (target === null) return undefined; // mention, hashtag: text as shown
      if (target.length <= URL_MAX && !links.includes(target) && links.length < LINKS_MAX) links.push(target);
      return target;
    },
  });
  const text = clip(full, POST_TEXT_MAX);
  return { text, links, clipped: text.length < full.length };
}

/**
 * The full URL a text link points to, or null for mentions and hashtags. Links to bsky.app are
 * rewritten to app paths (`/profile/…/post/…`) and shown as "bsky.app/…": restore the URL.
 */
function linkTarget(a: Element): string | null {
  const href = a.getAttribute('href') ?? '';
  if (HTTP_URL.test(href)) return unproxied(href);
  const shown = (a.textContent ?? '').trim();
  if (!href.startsWith('/') || /^[@#＃]/.test(shown)) return null;
  return ORIGIN + href;
}

/** Links opened through Bluesky's redirector (`go.bsky.app/redirect?u=…`): the real target. */
function unproxied(href: string): string {
  if (!/^https:\/\/go\.bsky\.app\/redirect\?/i.test(href)) return href;
  const target = new URLSearchParams(href.slice(href.indexOf('?') + 1)).get('u');
  return target !== null && HTTP_URL.test(target) ? target : href;
}

// ---------------------------------------------------------------------------------------
// Media and quote

function mediaIn(scope: Element, skip: Element | null): PostMedia {
  const outside = (el: Element) => skip === null || !skip.contains(el);
  const images = Array.from(scope.querySelectorAll(POST_IMAGE)).filter(outside);
  const videos = Array.from(scope.querySelectorAll('video')).filter(outside);
  return postMedia(picturesOf(images, fullsizeUrl), videos.length > 0, videoAlt(videos));
}

/**
 * The image at feed_fullsize, at most 1,000 px on its long side (the feed loads feed_thumbnail,
 * up to 2,000 px: atproto's preset table, `packages/bsky/src/image/uri.ts`).
 */
function fullsizeUrl(img: Element): string | null {
  return img.getAttribute('src')?.replace('/img/feed_thumbnail/', '/img/feed_fullsize/') ?? null;
}

/**
 * The author's alt text of a video: the caption of its figure, which labels the player
 * [BSKY VideoEmbedInnerWeb.tsx `aria-labelledby={figId}`].
 */
function videoAlt(videos: Element[]): string | null {
  for (const video of videos) {
    const caption = video.closest('figure')?.querySelector('figcaption');
    if (caption && caption.id === video.getAttribute('aria-labelledby')) return caption.textContent;
  }
  return null;
}

function quoteCardIn(root: Element): Element | null {
  return root.querySelector(QUOTE_CARD);
}

/**
 * The quoted post (QuoteEmbed, a `Link` titled "Post by {handle}"): handle from that title, the rest
 * from its small PostMeta and RichText (links are disabled there: shown as shortened text).
 */
function quotedPostIn(card: Element | null): QuotedPost | null {
  if (card === null) return null;
  const nested = card.querySelector(QUOTE_CARD); // a quote inside the quote: not part of this one
  const link = firstOutside(card, POST_LINK, nested);
  const ref = parsePostHref(link?.getAttribute('href') ?? null);
  const handle = quoteHandle(card) ?? ref?.actor ?? '';
  const own = ref !== null && ref.tail === undefined ? ref : null;
  const { text, clipped } = postText(firstOutside(card, RICH_TEXT, nested));
  return {
    id: own === null ? null : postIdOf(own),
    url: own === null ? null : postUrl(own),
    author: { name: quoteName(card, link, nested), handle },
    time: own === null ? null : tidTime(own.rkey),
    text,
    lang: null,
    truncated: clipped,
    media: mediaIn(card, nested),
  };
}

function quoteHandle(card: Element): string | null {
  const handle = /^Post by (\S+)$/.exec(card.getAttribute('aria-label') ?? '')?.[1];
  return handle ? clip(handle.toLowerCase(), SHORT_TEXT_MAX) : null;
}

function quoteName(card: Element, timeLink: Element | null, nested: Element | null): string {
  const link = nameLink(timeLink?.parentElement ?? card, nested);
  return link === null ? '' : nameText(link);
}

// ---------------------------------------------------------------------------------------
// Thread context

const THREAD_SCREEN = '[data-testid="postThreadScreen"]';
const FEED_ITEM_PREFIX = 'feedItem-by-';
/** Wrappers between a feed item and its list row (List.web.tsx Row, GalleryBleed). */
const ROW_DEPTH = 3;

/** The item this one replies to, where the page shows it: thread pages and feed thread slices. */
function parentItem(root: Element): Element | null {
  if (isThreadItem(root)) return threadParent(root);
  return isFeedItem(root) ? sliceParent(root) : null;
}

function isFeedItem(el: Element): boolean {
  return el.getAttribute('data-testid')?.startsWith(FEED_ITEM_PREFIX) ?? false;
}

/**
 * On a thread page, the item this one replies to [BSKY ThreadItemPost.tsx]: the item above when
 * this one draws the parent reply line (ThreadItemPostParentReplyLine: a 12px row whose
 * avatar-wide column holds a 2px line only then), else — a reply below the anchor without
 * a line — the anchor post, which replies at the first level answer.
 */
function threadParent(root: Element): Element | null {
  const screen = root.closest(THREAD_SCREEN);
  if (screen === null) return null;
  const items = Array.from(screen.querySelectorAll(`[data-testid^="${THREAD_ITEM_PREFIX}"]`));
  const index = items.indexOf(root);
  if (index <= 0) return null;
  if (hasParentReplyLine(root)) return items[index - 1]!;
  const anchor = items.findIndex((item) => permalinkOf(item)?.link === null);
  return anchor !== -1 && anchor < index ? items[anchor]! : null;
}

/** The row above the post: nothing but one column holding one empty element (the line). */
function hasParentReplyLine(root: Element): boolean {
  const row = root.firstElementChild;
  const column = row?.firstElementChild;
  const line = column?.firstElementChild;
  return (
    row?.childElementCount === 1 &&
    column?.childElementCount === 1 &&
    isEmptyLine(line) &&
    (row.textContent ?? '') === ''
  );
}

/**
 * In a feed, a thread slice (its reply line: a 2 px wide coloured div above or below the avatar):
 * the slice's posts are consecutive list rows [BSKY PostFeed.tsx]; each but the first draws the
 * reply line in the avatar-wide column of its top row (isThreadChild), each but the last draws it
 * under its avatar (isThreadParent) [BSKY PostFeedItem.tsx]. The item in the row right above is
 * the parent only when both lines join: a "View full thread" row between them (the parent is not
 * shown) or an unrelated post above gives null. Sibling checks only, no document query.
 */
function sliceParent(root: Element): Element | null {
  if (!drawsLineAbove(root)) return null;
  const above = feedItemAbove(root);
  return above !== null && drawsLineBelowAvatar(above) ? above : null;
}

/** The feed item in the list row right above this item's row, if that row holds one. */
function feedItemAbove(root: Element): Element | null {
  let row = root;
  for (let i = 0; i < ROW_DEPTH && row.parentElement?.childElementCount === 1; i++) row = row.parentElement;
  let el = row.previousElementSibling;
  for (let i = 0; el !== null && i <= ROW_DEPTH; i++) {
    if (isFeedItem(el)) return el;
    el = el.childElementCount === 1 ? el.firstElementChild : null;
  }
  return null;
}

/**
 * The avatar column of a feed item (PostFeedItem `layoutAvi`) and the row holding it: found from
 * the avatar link, the first profile link without text outside the text and quote card.
 */
function avatarColumn(root: Element): { column: Element; row: Element } | null {
  const card = quoteCardIn(root);
  let avatar: Element | null = null;
  for (const link of root.querySelectorAll(PROFILE_LINK)) {
    if (card?.contains(link) || link.closest(RICH_TEXT) !== null) continue;
    if ((link.textContent ?? '').trim() === '') {
      avatar = link;
      break;
    }
  }
  let column = avatar;
  while (
    column?.parentElement &&
    column.parentElement !== root &&
    column.parentElement.parentElement !== root
  ) {
    column = column.parentElement;
  }
  const row = column?.parentElement;
  return column && row && row !== root && row.parentElement === root ? { column, row } : null;
}

/** isThreadChild: the top row's first column (avatar wide) holds the line and nothing else. */
function drawsLineAbove(root: Element): boolean {
  const column = avatarColumn(root)?.row.previousElementSibling?.firstElementChild;
  return (
    column?.childElementCount === 1 && isEmptyLine(column.firstElementChild) && column.textContent === ''
  );
}

/** isThreadParent: the avatar column ends with the line, after the avatar. */
function drawsLineBelowAvatar(root: Element): boolean {
  const column = avatarColumn(root)?.column;
  return column !== undefined && column.childElementCount >= 2 && isEmptyLine(column.lastElementChild);
}

/** The reply line: an empty View (its width and colour are styles, atomic classes or inline). */
function isEmptyLine(el: Element | null | undefined): boolean {
  return el?.localName === 'div' && el.childElementCount === 0 && (el.textContent ?? '') === '';
}

// ---------------------------------------------------------------------------------------
// Badge

/** After the PostMeta row (name, handle, time), still on that line. */
function afterPostMeta(root: Element, timeLink: Element | null): BadgeAnchor | null {
  const row = timeLink?.parentElement;
  const meta = row?.parentElement;
  if (!row || !meta || meta === root || !root.contains(meta)) return null;
  return { parent: meta, before: row.nextSibling };
}

/** The anchor post: after the author link beside the avatar. */
function afterAuthorLink(root: Element, card: Element | null): BadgeAnchor | null {
  const link = nameLink(root, card);
  const parent = link?.parentElement;
  return link && parent && root.contains(parent) ? { parent, before: link.nextSibling } : null;
}

function beforeText(root: Element, card: Element | null): BadgeAnchor | null {
  const text = postTextIn(root, card);
  const parent = text?.parentElement;
  return text && parent && root.contains(parent) ? { parent, before: text } : null;
}

// ---------------------------------------------------------------------------------------

/**
 * Hidden duplicates [BSKY Pager.web.tsx]: bsky.app keeps inactive feed tabs and previous screens
 * mounted with display:none, so one post can be in the DOM several times. Browsers answer with
 * checkVisibility(); elsewhere (jsdom) the `hidden` attribute and computed/inline display of the
 * root and its ancestors decide.
 */
function isHidden(root: Element): boolean {
  if (typeof root.checkVisibility === 'function') return !root.checkVisibility();
  const view = root.ownerDocument.defaultView;
  for (let el: Element | null = root; el !== null; el = el.parentElement) {
    if (el.hasAttribute('hidden')) return true;
    const display = view ? view.getComputedStyle(el).display : (el as HTMLElement).style?.display;
    if (display === 'none') return true;
  }
  return false;
}
