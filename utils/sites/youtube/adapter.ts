/**
 * YouTube adapter (www.youtube.com): each comment and reply under a video, a Short or a community
 * post, and the watch page's video itself (video-post.ts, routed by the root's tag). The DOM it
 * reads is described in utils/sites/youtube/README.md (from the selector configs of public YouTube
 * extensions and scrapers): `ytd-comment-view-model` (2024+; `ytd-comment-renderer` before) inside
 * `ytd-comment-thread-renderer`, replies under `ytd-comment-replies-renderer`.
 *
 * Polymer repeats element ids in every comment (`#comment`, `#author-text`, `#content-text`…), so
 * ids are matched as attributes (`[id="…"]`): `#id` lookups scoped to one comment are not reliable
 * everywhere (jsdom returns null for one when an earlier element elsewhere has the same id). The
 * page shows only relative times ("2 days ago") and comment ids encode none, so `time` is null.
 */
import { SHORT_TEXT_MAX, URL_MAX, asQuoted, type Post } from '../../core/post';
import { readText } from '../dom-text';
import { clip, queryParam } from '../post-fields';
import { withPlatformContext } from '../platform-context';
import { readPostText, textPostFields } from '../post-text';
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';
import { linkedHandle } from './channel-handle';
import { infoPanels } from './info-panel';
import { linkTarget } from './link-target';
import { VIDEO_ROOT, extractVideoPost, isVideoRoot, videoBadgeAnchor, videoPostId } from './video-post';

const ORIGIN = 'https://www.youtube.com';

const COMMENT_ROOT = 'ytd-comment-view-model, ytd-comment-renderer';
/** The timestamp link, `/watch?v=…&lc={commentId}` (older builds: a `.published-time-text` string). */
const PERMALINK = '[id="published-time-text"] a[href], .published-time-text a[href]';
const AUTHOR = '[id="author-text"]';
const CONTENT = '[id="content-text"]';
const THREAD = 'ytd-comment-thread-renderer';
const REPLIES = 'ytd-comment-replies-renderer';

/** Comment ids: base64url-ish, a reply's is `{parentId}.{replyId}`. */
const COMMENT_ID = /^[\w-]{10,100}(?:\.[\w-]{10,100})?$/;
const PATH = /^\/[\w\-/]{0,200}$/;
/** Pages whose comments the adapter reads: a video (`/watch?v=…`), a Short, a community post. */
const THREAD_PATH = /^\/(?:watch|shorts\/[\w-]{1,20}|post\/[\w-]{1,100})\/?$/;

export const youtubeAdapter: SiteAdapter = {
  id: 'youtube',
  /** Comments load only once the reader scrolls to them, so no page is sure to show any. */
  expectsPosts: () => false,
  threadPage: (location) => THREAD_PATH.test(location.pathname),
  probes: { thread: THREAD, author: AUTHOR, text: CONTENT, video: VIDEO_ROOT },
  postRootSelector: `${COMMENT_ROOT}, ${VIDEO_ROOT}`,

  matchesLocation(location) {
    return isSiteHost('youtube', location.hostname);
  },

  postId(root) {
    if (isVideoRoot(root)) return videoPostId(root);
    return permalinkOf(root)?.id ?? null;
  },

  extractPost(root) {
    if (isVideoRoot(root)) return extractVideoPost(root);
    const post = extract(root);
    if (post === null) return null;
    const parent = parentComment(root);
    const context = parent === null ? null : extract(parent);
    return { ...post, parent: context === null ? null : asQuoted(context) };
  },

  badgeAnchor(root) {
    if (isVideoRoot(root)) return videoBadgeAnchor(root);
    const time = permalinkOf(root)?.link.closest('[id="published-time-text"], .published-time-text');
    return time ? besides(root, time) : null;
  },
};

/** The comment a root shows, without its thread context (`parent` is null). */
function extract(root: Element): Post | null {
  const permalink = permalinkOf(root);
  if (permalink === null) return null; // an empty, not yet filled comment
  const author = authorOf(root);
  const body = readPostText(root.querySelector(CONTENT), { flow: false, linkTarget });
  const post: Post = {
    site: 'youtube',
    id: permalink.id,
    url: permalink.url,
    author: author ?? { name: '', handle: '' },
    time: null,
    ...textPostFields(body),
    replyTo: replyTarget(root),
  };
  return withPlatformContext(post, infoPanels(root));
}

interface Permalink {
  id: string;
  url: string;
  link: Element;
}

/** The comment's own timestamp link and the id in its `lc` parameter. Scoped: one query. */
function permalinkOf(root: Element): Permalink | null {
  const link = root.querySelector(PERMALINK);
  const href = link?.getAttribute('href') ?? '';
  const id = queryParam(href, 'lc');
  if (!link || id === null || !COMMENT_ID.test(id)) return null;
  return { id, url: commentUrl(href, id), link };
}

/** `https://www.youtube.com/watch?v={video}&lc={id}`; for Shorts and posts their own path with `?lc=`. */
function commentUrl(href: string, id: string): string {
  const video = queryParam(href, 'v');
  if (video !== null && /^[\w-]{6,20}$/.test(video)) return `${ORIGIN}/watch?v=${video}&lc=${id}`;
  const path = /^(?:https:\/\/(?:www\.)?youtube\.com)?(\/[^?#]*)/.exec(href)?.[1] ?? '/';
  const url = `${ORIGIN}${PATH.test(path) ? path : '/'}?lc=${id}`;
  return url.length <= URL_MAX ? url : `${ORIGIN}/?lc=${id}`;
}

/**
 * The author as shown: "@handle" (YouTube shows no other name beside a comment), or for channels
 * without a handle their name, the handle then taken from the link if it has one.
 */
function authorOf(root: Element): Post['author'] | null {
  const link = root.querySelector(AUTHOR);
  if (link === null) return null;
  const shown = clip(readText(link), SHORT_TEXT_MAX);
  if (/^@\S+$/.test(shown)) return { name: shown.slice(1), handle: shown.slice(1) };
  return { name: shown, handle: linkedHandle(link) };
}

/** A reply answers the thread's top comment (YouTube threads are two levels deep). */
function replyTarget(root: Element): string[] {
  const top = parentComment(root);
  const handle = top === null ? undefined : authorOf(top)?.handle;
  return handle ? [handle] : [];
}

/**
 * The comment a reply answers (replies sit under `ytd-comment-replies-renderer`): its thread's top
 * comment, shown above the replies. Null for a top-level comment.
 */
function parentComment(root: Element): Element | null {
  if (root.closest(REPLIES) === null) return null;
  const top = topComment(root.closest(THREAD));
  return top !== null && top !== root ? top : null;
}

/** The thread's first comment outside its replies. */
function topComment(thread: Element | null): Element | null {
  for (const comment of thread?.querySelectorAll(COMMENT_ROOT) ?? []) {
    if (comment.closest(REPLIES) === null) return comment;
  }
  return null;
}

/** After the timestamp in the author line. */
function besides(root: Element, time: Element): BadgeAnchor | null {
  const parent = time.parentElement;
  if (!parent || !root.contains(parent)) return null;
  return { parent, before: time.nextSibling };
}
