/**
 * Threads adapter (threads.com, formerly threads.net). The DOM it reads is described in
 * utils/sites/threads/README.md (source: kepano/defuddle `src/extractors/threads.ts`): atomic `x…`
 * classes only, so it relies on `data-pressable-container`, `role`, `dir`, `href` and `time[datetime]`.
 *
 * Confidence is medium: the text is "the `span[dir=auto]` blocks that are not inside a link, a
 * button or the quoted post", which is how defuddle finds it. A root without its own
 * `/@user/post/{code}` timestamp link (placeholders, suggestion cards) gives nothing.
 */
import { POST_TEXT_MAX, SHORT_TEXT_MAX, type Post, type PostMedia, type QuotedPost } from '../../core/post';
import { readText } from '../dom-text';
import { addLink, clip, httpUrl, isoTime, queryParam, urlHost } from '../post-fields';
import { picturesOf, postMedia } from '../post-media';
import { readPostText, type PostText } from '../post-text';
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';

const ORIGIN = 'https://www.threads.com';

const POST_ROOT = '[data-pressable-container]';
/** `/@{user}/post/{code}` (also absolute), the post's permalink; `/media` and the like may follow. */
const POST_HREF =
  /^(?:https?:\/\/(?:www\.)?threads\.(?:com|net))?\/@([\w.]{1,60})\/post\/([\w-]{5,40})(?:[/?#]|$)/;
const PERMALINK_TIME = 'a[href*="/post/"] time[datetime]';
const TEXT_BLOCK = 'span[dir="auto"]';
/** Not post text: names and links, timestamps, buttons (counts, "Translate", menus). */
const NOT_TEXT = 'a, time, [role="button"], button';
/** Avatars are 24–48 px; post photos are larger. */
const AVATAR_MAX_PX = 48;

interface Permalink {
  id: string;
  handle: string;
  url: string;
  time: Element;
}

/** The home feed, a profile, a thread: pages that show posts once loaded. */
const FEED_PATH = /^\/(?:@[^/]{1,100}(?:\/post\/[^/]{1,100})?)?\/?$/;
/** A post page, `/@{user}/post/{code}`: the post with its replies. */
const THREAD_PATH = /^\/@[^/]{1,100}\/post\/[^/]{1,100}\/?$/;

export const threadsAdapter: SiteAdapter = {
  id: 'threads',
  expectsPosts: (location) => FEED_PATH.test(location.pathname),
  threadPage: (location) => THREAD_PATH.test(location.pathname),
  probes: { permalink: PERMALINK_TIME, text: TEXT_BLOCK },
  postRootSelector: POST_ROOT,

  matchesLocation(location) {
    return isSiteHost('threads', location.hostname);
  },

  postId(root) {
    // A pressable container inside another one is a quoted post, read as part of its parent.
    if (root.parentElement?.closest(POST_ROOT)) return null;
    return permalinkOf(root)?.id ?? null;
  },

  extractPost(root) {
    if (threadsAdapter.postId(root) === null) return null;
    const permalink = permalinkOf(root)!;
    const quote = quoteIn(root);
    const body = textIn(root, quote);
    const post: Post = {
      site: 'threads',
      id: permalink.id,
      url: permalink.url,
      author: { name: permalink.handle, handle: permalink.handle },
      time: isoTime(permalink.time.getAttribute('datetime')),
      text: body.text,
      lang: null,
      truncated: body.clipped,
      links: withCardLinks(root, quote, body.links),
      media: mediaIn(root, quote),
      quoted: quotedPost(quote),
      parent: null,
      replyTo: [],
    };
    return post;
  },

  badgeAnchor(root) {
    if (threadsAdapter.postId(root) === null) return null;
    return afterTimestamp(root, permalinkOf(root)!.time);
  },
};

/**
 * The post's own timestamp link: the first `/post/` link around a `time` that is not inside a
 * nested (quoted) container. In every layout the first hit is it, so this stays cheap.
 */
function permalinkOf(root: Element): Permalink | null {
  for (const time of root.querySelectorAll(PERMALINK_TIME)) {
    if (time.parentElement?.closest(POST_ROOT) !== root) continue; // the quote's timestamp
    const match = POST_HREF.exec(time.closest('a')?.getAttribute('href') ?? '');
    if (!match?.[1] || !match[2]) continue;
    const [, handle, code] = match;
    return { id: code, handle: clip(handle, SHORT_TEXT_MAX), url: `${ORIGIN}/@${handle}/post/${code}`, time };
  }
  return null;
}

/** The quoted post: the first container nested in this one. */
function quoteIn(root: Element): Element | null {
  return root.querySelector(POST_ROOT);
}

function quotedPost(quote: Element | null): QuotedPost | null {
  if (quote === null) return null;
  const permalink = permalinkOf(quote);
  const handle = permalink?.handle ?? profileHandle(quote);
  const nested = quote.querySelector(POST_ROOT);
  const body = textIn(quote, nested);
  return {
    id: permalink?.id ?? null,
    url: permalink?.url ?? null,
    author: { name: handle, handle },
    time: isoTime(permalink?.time.getAttribute('datetime')),
    text: body.text,
    lang: null,
    truncated: body.clipped,
    media: mediaIn(quote, nested),
  };
}

/** A quote without a timestamp link still names its author in its profile link. */
function profileHandle(scope: Element): string {
  for (const a of scope.querySelectorAll('a[href^="/@"]')) {
    const handle = /^\/@([\w.]{1,60})\/?$/.exec(a.getAttribute('href') ?? '')?.[1];
    if (handle) return handle;
  }
  return '';
}

// ---------------------------------------------------------------------------------------
// Text and links

/** The outermost `span[dir=auto]` blocks of `scope` that are post text, one per line. */
function textIn(scope: Element, skip: Element | null): PostText {
  const blocks: Element[] = [];
  for (const span of scope.querySelectorAll(TEXT_BLOCK)) {
    if (skip?.contains(span) || blocks.some((block) => block.contains(span))) continue;
    const ui = span.parentElement?.closest(NOT_TEXT);
    if ((ui && scope.contains(ui)) || !hasOwnText(span)) continue;
    blocks.push(span);
  }
  const parts = blocks
    .map((block) => readPostText(block, { flow: false, linkTarget }))
    .filter((part) => part.text !== '');
  const links: string[] = [];
  for (const part of parts) for (const link of part.links) addLink(links, link);
  const full = parts.map((part) => part.text).join('\n');
  const text = clip(full, POST_TEXT_MAX);
  return { text, links, clipped: text.length < full.length || parts.some((part) => part.clipped) };
}

/**
 * Does the block say something itself? The header wraps the author's name and the timestamp in
 * `span[dir=auto]` too, but there all text is inside a profile or post link.
 */
function hasOwnText(block: Element): boolean {
  const own = readText(block, {
    replaceElement: (el) =>
      el.matches(NOT_TEXT) ? (el.tagName === 'A' && linkTarget(el) !== null ? 'link' : '') : undefined,
  });
  return own !== '';
}

/**
 * Outside links go through `l.threads.com/?u={url}&e=…`: the decoded `u` is the target; mentions,
 * tags and posts stay on Threads.
 */
function linkTarget(a: Element): string | null {
  const url = httpUrl(a.getAttribute('href'));
  if (url === null) return null;
  const host = urlHost(url);
  if (host === 'l.threads.com' || host === 'l.threads.net') return httpUrl(queryParam(url, 'u'));
  return host !== null && isSiteHost('threads', host) ? null : url;
}

/** Link preview cards are `l.threads.com` anchors outside the text: their targets are links too. */
function withCardLinks(root: Element, quote: Element | null, links: string[]): string[] {
  const all = [...links];
  for (const a of root.querySelectorAll('a[href]')) {
    if (quote?.contains(a)) continue;
    const target = /^https?:\/\/l\.threads\.(?:com|net)\//i.test(a.getAttribute('href') ?? '')
      ? linkTarget(a)
      : null;
    if (target !== null) addLink(all, target);
  }
  return all;
}

// ---------------------------------------------------------------------------------------
// Media and badge

/**
 * Photos and videos of `scope` outside `skip`: not avatars (profile links, small sizes), not card
 * thumbnails. A photo's `srcset` offers signed CDN sizes up to 1080 px wide: taken as given.
 */
function mediaIn(scope: Element, skip: Element | null): PostMedia {
  const photos = Array.from(scope.querySelectorAll('img')).filter(
    (img) => !skip?.contains(img) && !isAvatar(img) && img.closest('a[href*="l.threads."]') === null,
  );
  const hasVideo = Array.from(scope.querySelectorAll('video')).some((video) => !skip?.contains(video));
  return postMedia(picturesOf(photos), hasVideo);
}

function isAvatar(img: Element): boolean {
  const profileLink = img.closest('a[href^="/@"]');
  if (profileLink !== null && !profileLink.getAttribute('href')?.includes('/post/')) return true;
  const size = Number(img.getAttribute('width') ?? img.getAttribute('height') ?? NaN);
  return size > 0 && size <= AVATAR_MAX_PX;
}

/** After the timestamp link, in the header row. */
function afterTimestamp(root: Element, time: Element): BadgeAnchor | null {
  const link = time.closest('a');
  const parent = link?.parentElement;
  if (!link || !parent || !root.contains(parent)) return null;
  return { parent, before: link.nextSibling };
}
