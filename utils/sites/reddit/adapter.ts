/**
 * Reddit adapter for both front ends: www.reddit.com ("shreddit") and old.reddit.com, both
 * described in utils/sites/reddit/README.md. Both name posts `t3_…` and comments `t1_…` (Reddit
 * "fullnames"), so a post has the same key on either.
 *
 * Shreddit: `shreddit-post` / `shreddit-comment` custom elements whose attributes carry the data
 * and whose visible content is light-DOM children slotted into their shadow root; only those
 * slotted children are read or used as badge anchors (an unslotted child is not rendered).
 * Comments nest: a reply is a light-DOM child of its parent comment, so every lookup below is
 * `:scope >`-anchored to stay out of the replies.
 */
import {
  asQuoted,
  POST_TEXT_MAX,
  SHORT_TEXT_MAX,
  URL_MAX,
  type PlatformContext,
  type Post,
  type PostMedia,
} from '../../core/post';
import { readText } from '../dom-text';
import { platformContext, withPlatformContext } from '../platform-context';
import { addLink, clip, epochTime, httpUrl, isoTime, languageTag, urlHost } from '../post-fields';
import { picturesOf, postMedia } from '../post-media';
import { readFlowText, readPostText, textPostFields, type PostText } from '../post-text';
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';

const ORIGIN = 'https://www.reddit.com';

const SHREDDIT_POST = 'shreddit-post';
const SHREDDIT_COMMENT = 'shreddit-comment';
/** Old Reddit: every listed thing (post, comment, "load more") is a `.thing` with a fullname. */
const OLD_THING = '.thing[data-fullname]';

const POST_FULLNAME = /^t3_[a-z0-9]{1,13}$/;
const COMMENT_FULLNAME = /^t1_[a-z0-9]{1,13}$/;
/** A site-relative path such as `/r/sub/comments/abc/slug/` (not `//host`). */
const SITE_PATH = /^\/(?!\/)\S*$/;
const USERNAME = /^[A-Za-z0-9_-]{1,40}$/;
/** `/r/{sub}/comments/{post id}/…` */
const POST_IN_PERMALINK = /\/comments\/([a-z0-9]{1,13})\//;
const DELETED = '[deleted]';

/** The front page, a subreddit, a comments page, a user: pages that show posts once loaded. */
const FEED_PATH = /^\/(?:(?:r|user|u)\/[^/]{1,100}(?:\/comments\/[a-z0-9]{1,13}(?:\/[^/]*)?)?)?\/?$/;
/**
 * A comments page, the same path on every front end: `/r/{sub}/comments/{id}/{slug}/`, a post on a
 * profile (`/user/{name}/comments/…`), the short `/comments/{id}`, and one comment's thread
 * (`…/{slug}/{comment id}/`).
 */
const THREAD_PATH =
  /^(?:\/(?:r|user|u)\/[^/]{1,100})?\/comments\/[a-z0-9]{1,13}(?:\/[^/]*(?:\/[a-z0-9]{1,13})?)?\/?$/;

export const redditAdapter: SiteAdapter = {
  id: 'reddit',
  expectsPosts: (location) => FEED_PATH.test(location.pathname),
  threadPage: (location) => THREAD_PATH.test(location.pathname),
  probes: { post: SHREDDIT_POST, comment: SHREDDIT_COMMENT, 'old reddit thing': OLD_THING },
  postRootSelector: `${SHREDDIT_POST}, ${SHREDDIT_COMMENT}, ${OLD_THING}`,
  // Comments nest: a reply is a child of its parent comment.
  nestedRoots: true,

  matchesLocation(location) {
    return isSiteHost('reddit', location.hostname);
  },

  postId(root) {
    switch (root.localName) {
      case SHREDDIT_POST:
        return fullname(root.getAttribute('id'), POST_FULLNAME);
      case SHREDDIT_COMMENT:
        return shredditCommentBody(root) === null
          ? null
          : fullname(root.getAttribute('thingid'), COMMENT_FULLNAME);
      default:
        return oldThingId(root);
    }
  },

  extractPost(root) {
    const post = extract(root);
    if (post === null) return null;
    const parent = parentRoot(root, post.id);
    const context = parent === null ? null : extract(parent);
    return { ...post, parent: context === null ? null : asQuoted(context) };
  },

  badgeAnchor(root) {
    if (redditAdapter.postId(root) === null) return null;
    switch (root.localName) {
      case SHREDDIT_POST:
        return appendTo(child(root, '[slot="credit-bar"]'));
      case SHREDDIT_COMMENT:
        return appendTo(child(root, '[slot="commentMeta"]'));
      default:
        return appendTo(child(root, '.entry')?.querySelector('.tagline') ?? null);
    }
  },
};

/** The post or comment a root shows, without its thread context (`parent` is null). */
function extract(root: Element): Post | null {
  const id = redditAdapter.postId(root);
  if (id === null) return null;
  switch (root.localName) {
    case SHREDDIT_POST:
      return shredditPost(root, id);
    case SHREDDIT_COMMENT:
      return shredditComment(root, id);
    default:
      return id.startsWith('t3_') ? oldPost(root, id) : oldComment(root, id);
  }
}

/**
 * What a comment answers: the comment it is nested in (both front ends nest replies inside their
 * parent), or for a top-level comment the post it is under, when the page shows it (a comments
 * page does, once). Posts answer nothing.
 */
function parentRoot(root: Element, id: string): Element | null {
  if (!id.startsWith('t1_')) return null;
  const shreddit = root.localName === SHREDDIT_COMMENT;
  const comment = root.parentElement?.closest(shreddit ? SHREDDIT_COMMENT : '.thing.comment') ?? null;
  if (comment !== null) return comment;
  const postId = shreddit
    ? fullname(root.getAttribute('postid'), POST_FULLNAME)
    : fullname(
        `t3_${POST_IN_PERMALINK.exec(root.getAttribute('data-permalink') ?? '')?.[1] ?? ''}`,
        POST_FULLNAME,
      );
  if (postId === null) return null;
  const selector = shreddit ? `${SHREDDIT_POST}[id="${postId}"]` : `.thing.link[data-fullname="${postId}"]`;
  return root.ownerDocument.querySelector(selector);
}

// ---------------------------------------------------------------------------------------
// www.reddit.com (shreddit)

function shredditPost(root: Element, id: string): Post {
  const title = root.getAttribute('post-title') ?? textOf(child(root, '[slot="title"]'));
  const bodyEl = shredditPostBody(root);
  const body = readPostText(bodyEl, { flow: true, linkTarget: externalUrl });
  // Link posts: the article they share. (Other types' content-href is the post itself or its media.)
  const shared =
    root.getAttribute('post-type') === 'link' ? externalUrl(root.getAttribute('content-href')) : null;
  const text = titled(title, body, shared);
  const post: Post = {
    ...redditPost(
      id,
      root.getAttribute('permalink') ?? `/comments/${id.slice(3)}/`,
      root.getAttribute('author'),
      text,
    ),
    time: isoTime(root.getAttribute('created-timestamp')) ?? creditTime(child(root, '[slot="credit-bar"]')),
    lang: languageTag(root.getAttribute('post-language')),
    // In feeds the body is a line-clamped preview; the full text is only on the post page.
    truncated: text.clipped || isFeedPreview(bodyEl),
    media: shredditMedia(root),
  };
  return withPlatformContext(post, [removalNotice(root)]);
}

/**
 * What a removed post's page says in its place ("Sorry, this post has been removed by the moderators
 * of r/…", "… by Reddit's spam filters"). A moderator's stickied comment is a comment, with a badge of
 * its own, not a notice on the post.
 */
function removalNotice(root: Element): PlatformContext | null {
  const banner = child(root, '[slot="post-removed-banner"]');
  return banner && platformContext('moderation', readFlowText(banner));
}

function shredditComment(root: Element, id: string): Post {
  const body = readPostText(shredditCommentBody(root), { flow: true, linkTarget: externalUrl });
  const postId = fullname(root.getAttribute('postid'), POST_FULLNAME);
  const fallbackPath =
    postId === null ? `/comments/${id.slice(3)}/` : `/comments/${postId.slice(3)}/comment/${id.slice(3)}/`;
  const parent = root.parentElement?.closest(SHREDDIT_COMMENT) ?? null;
  return {
    ...redditPost(id, root.getAttribute('permalink') ?? fallbackPath, root.getAttribute('author'), body),
    time: isoTime(root.getAttribute('created')) ?? creditTime(child(root, '[slot="commentMeta"]')),
    replyTo: replyTarget(parent?.getAttribute('author') ?? null),
  };
}

/**
 * The post body: `[slot="text-body"]` (a `shreddit-post-text-body` on post pages, an `<a>` around
 * `.feed-card-text-preview` in feeds) → its rich-text div. One older build rendered the feed
 * preview inside the open shadow root.
 */
function shredditPostBody(root: Element): Element | null {
  const slot = child(root, '[slot="text-body"]');
  if (slot !== null) return slot.querySelector('[id$="-post-rtjson-content"], .md') ?? slot;
  return root.shadowRoot?.querySelector('.md.feed-card-text-preview') ?? null;
}

/** The comment text; absent on deleted and removed comments (and before the body hydrates). */
function shredditCommentBody(root: Element): Element | null {
  if (root.getAttribute('author') === DELETED) return null;
  return child(root, '[slot="comment"]');
}

function isFeedPreview(body: Element | null): boolean {
  return (
    body !== null &&
    (body.classList.contains('feed-card-text-preview') || body.closest('a[slot="text-body"]') !== null)
  );
}

/** `faceplate-timeago > time[datetime]` in the credit bar / comment meta, when the attribute is missing. */
function creditTime(bar: Element | null): string | null {
  return isoTime(bar?.querySelector('time[datetime]')?.getAttribute('datetime'));
}

/**
 * Photos (not the blurred backdrop copy) and video players of the media slot. A photo's `srcset`
 * offers preview.redd.it sizes from 108 to 1080 px wide, each signed: taken as given.
 */
function shredditMedia(root: Element): PostMedia {
  const container = child(root, '[slot="post-media-container"]');
  const images = Array.from(container?.querySelectorAll('img') ?? []).filter(
    (img) => !img.classList.contains('post-background-image-filter'),
  );
  const player = container?.querySelector('shreddit-player, shreddit-player-2, video') ?? null;
  return postMedia(picturesOf(images), player !== null || root.getAttribute('post-type') === 'video');
}

// ---------------------------------------------------------------------------------------
// old.reddit.com

/** `t3_…` for `.thing.link`, `t1_…` for `.thing.comment` with a body; nothing for ads and "load more" rows. */
function oldThingId(root: Element): string | null {
  const name = root.getAttribute('data-fullname');
  const classes = root.classList;
  if (classes.contains('link')) {
    const promoted =
      classes.contains('promoted') ||
      classes.contains('promotedlink') ||
      root.getAttribute('data-promoted') === 'true';
    return promoted ? null : fullname(name, POST_FULLNAME);
  }
  if (!classes.contains('comment') || root.getAttribute('data-author') === DELETED) return null;
  return oldBody(root) === null ? null : fullname(name, COMMENT_FULLNAME);
}

function oldPost(root: Element, id: string): Post {
  const entry = child(root, '.entry');
  const title = textOf(entry?.querySelector('a.title') ?? null);
  const bodyEl = oldBody(root);
  const body = readPostText(bodyEl, { flow: true, linkTarget: externalUrl });
  const isSelf = (root.getAttribute('data-domain') ?? '').startsWith('self.');
  const shared = isSelf ? null : externalUrl(root.getAttribute('data-url'));
  const text = titled(title, body, shared);
  // A listing shows a self post's body only once its expando is opened.
  const hiddenBody = bodyEl === null && entry?.querySelector('.expando-button.selftext') != null;
  return {
    ...redditPost(
      id,
      root.getAttribute('data-permalink') ?? `/comments/${id.slice(3)}/`,
      oldAuthor(root, entry),
      text,
    ),
    time: oldTime(root, entry),
    truncated: text.clipped || hiddenBody,
    media: postMedia(
      picturesOf(entry?.querySelectorAll('.media-preview img') ?? []),
      entry?.querySelector('video') != null || (shared !== null && urlHost(shared) === 'v.redd.it'),
    ),
  };
}

function oldComment(root: Element, id: string): Post {
  const entry = child(root, '.entry');
  const body = readPostText(oldBody(root), { flow: true, linkTarget: externalUrl });
  const parent = root.parentElement?.closest('.thing.comment') ?? null;
  return {
    ...redditPost(
      id,
      root.getAttribute('data-permalink') ?? `/comments/${id.slice(3)}/`,
      oldAuthor(root, entry),
      body,
    ),
    time: oldTime(root, entry),
    replyTo: replyTarget(parent?.getAttribute('data-author') ?? null),
  };
}

/** `.entry .usertext-body > .md`: the rendered markdown (not the hidden edit form's copy). */
function oldBody(root: Element): Element | null {
  return child(root, '.entry')?.querySelector('.usertext-body > .md') ?? null;
}

function oldAuthor(root: Element, entry: Element | null): string | null {
  return root.getAttribute('data-author') ?? entry?.querySelector('.tagline a.author')?.textContent ?? null;
}

/** The tagline's `time[datetime]` (the first one: a later one is the edit time), else `data-timestamp` (epoch ms). */
function oldTime(root: Element, entry: Element | null): string | null {
  const tagline = entry?.querySelector('.tagline');
  const datetime = tagline?.querySelector('time.live-timestamp, time[datetime]')?.getAttribute('datetime');
  const stamp = root.getAttribute('data-timestamp') ?? '';
  return isoTime(datetime) ?? (/^\d{12,14}$/.test(stamp) ? epochTime(Number(stamp)) : null);
}

// ---------------------------------------------------------------------------------------
// Shared

function fullname(value: string | null, shape: RegExp): string | null {
  return value !== null && shape.test(value) ? value : null;
}

/** The direct child of `root` matching `selector` (slotted children are direct children). */
function child(root: Element, selector: string): Element | null {
  return root.querySelector(`:scope > ${selector}`);
}

function textOf(el: Element | null): string {
  return el === null ? '' : readText(el);
}

/** The fields every Reddit post and comment has; the callers fill in time, language, media and replies. */
function redditPost(id: string, permalink: string, author: string | null, body: PostText): Post {
  const handle = handleOf(author);
  return {
    site: 'reddit',
    id,
    url:
      SITE_PATH.test(permalink) && permalink.length < URL_MAX - ORIGIN.length
        ? ORIGIN + permalink
        : `${ORIGIN}/comments/${id.slice(3)}/`,
    author: { name: handle, handle },
    time: null,
    ...textPostFields(body),
    replyTo: [],
  };
}

/** A post's text is its title, then its body; a link post's article comes first in its links. */
function titled(title: string, body: PostText, shared: string | null): PostText {
  const full = body.text === '' ? title.trim() : `${title.trim()}\n\n${body.text}`;
  const text = clip(full, POST_TEXT_MAX);
  const links: string[] = [];
  if (shared !== null) addLink(links, shared);
  for (const link of body.links) addLink(links, link);
  return { text, links, clipped: body.clipped || text.length < full.length };
}

/** A username (Reddit shows no separate display name); none for deleted accounts and garbage. */
function handleOf(author: string | null): string {
  const name = author?.trim() ?? '';
  return USERNAME.test(name) ? clip(name, SHORT_TEXT_MAX) : '';
}

/** The author of the comment this one is nested under (none at top level or when deleted). */
function replyTarget(parentAuthor: string | null): string[] {
  const handle = handleOf(parentAuthor);
  return handle === '' ? [] : [handle];
}

/** Absolute links leaving Reddit; `/r/…` and `/u/…` links and reddit.com URLs stay on it. */
function externalUrl(target: Element | string | null): string | null {
  const href = typeof target === 'string' || target === null ? target : target.getAttribute('href');
  const url = httpUrl(href);
  const host = url === null ? null : urlHost(url);
  if (host === null || host === 'reddit.com' || host.endsWith('.reddit.com')) return null;
  return url;
}

function appendTo(parent: Element | null): BadgeAnchor | null {
  return parent === null ? null : { parent, before: null };
}
