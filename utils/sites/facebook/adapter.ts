/**
 * Facebook feed adapter (www.facebook.com). BEST EFFORT, LOWER CONFIDENCE than the other adapters:
 * its selectors (utils/sites/facebook/README.md) come from third-party selector lists, no
 * first-party source, and Facebook works against being read. Its classes are obfuscated and
 * rotate; the timestamp text is scrambled (so `time` is always null); the timestamp link often gets
 * its real href only on hover (until then a post has no id and gets no badge); ads look like posts;
 * comments are `role="article"` too. So this adapter reads only what it can tie to one post and
 * otherwise yields nothing:
 *
 * - roots are feed units (`[role="feed"] [aria-posinset]`);
 * - the id comes only from a post permalink in the header next to the author's name (a link to
 *   `/posts/{id}`, `permalink.php?story_fbid=`, `/groups/{g}/posts/{id}`), never from a comment's
 *   link or a shared post's;
 * - the text is the first message block before any second author (a shared post's own text is
 *   not taken for the sharer's); shared posts are not read as `quoted`.
 */
import { SHORT_TEXT_MAX, type Post } from '../../core/post';
import { readText } from '../dom-text';
import { clip, httpUrl, queryParam, urlHost } from '../post-fields';
import { picturesOf, postMedia } from '../post-media';
import { readPostText } from '../post-text';
import type { SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';

const HOST = 'facebook.com';
const ORIGIN = 'https://www.facebook.com';

const POST_ROOT = '[role="feed"] [aria-posinset]';
/** Comments (and replies) inside a post: skipped everywhere. */
const NESTED_ARTICLE = '[role="article"]';
const AUTHOR_NAME = '[data-ad-rendering-role="profile_name"], h2, h3, h4';
const MESSAGE =
  '[data-ad-rendering-role="story_message"], [data-ad-comet-preview="message"], [data-ad-preview="message"]';
const PHOTOS = '[data-ad-rendering-role^="image"] img, a[href*="/photo"] img';
/** Links that may be post permalinks (checked by parsePermalink). */
const POST_LINK = 'a[href*="/posts/"], a[href*="/permalink"], a[href*="story_fbid="]';
const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
/** How far above the author's name the header (name + timestamp link) may reach. */
const HEADER_DEPTH = 8;

/** Post permalinks; ids are numeric or `pfbid…`. */
const POST_PATHS: readonly RegExp[] = [
  /^\/groups\/([\w.-]{1,100})\/(?:posts|permalink)\/(\d{1,25}|pfbid\w{10,100})\/?$/,
  /^\/([\w.-]{1,100})\/posts\/(\d{1,25}|pfbid\w{10,100})\/?$/,
];
const STORY_PATH = /^\/(?:permalink|story)\.php$/;
const STORY_ID = /^(?:\d{1,25}|pfbid\w{10,100})$/;
const PROFILE_PATH = /^\/([\w.-]{1,100})\/?$/;
/** First path segments that are Facebook features, not profile names. */
const NOT_PROFILES = new Set([
  'groups',
  'pages',
  'watch',
  'reel',
  'photo',
  'photo.php',
  'events',
  'hashtag',
  'marketplace',
  'stories',
  'share',
]);

interface Permalink {
  id: string;
  /** Canonical: without Facebook's tracking parameters. */
  url: string;
}

export const facebookAdapter: SiteAdapter = {
  id: 'facebook',
  expectsPosts: (location) => location.pathname === '/',
  /** A post's own page: the permalink shapes its posts are keyed by. */
  threadPage: ({ pathname }) => STORY_PATH.test(pathname) || POST_PATHS.some((shape) => shape.test(pathname)),
  probes: { feed: '[role="feed"]', article: NESTED_ARTICLE, author: AUTHOR_NAME, permalink: POST_LINK },
  postRootSelector: POST_ROOT,

  matchesLocation(location) {
    return isSiteHost('facebook', location.hostname);
  },

  postId(root) {
    return headerOf(root)?.permalink.id ?? null;
  },

  extractPost(root) {
    const header = headerOf(root);
    if (header === null) return null;
    const message = messageOf(root, header.name);
    const body = readPostText(message, {
      flow: true,
      linkTarget,
      skip: (el) => el.getAttribute('role') === 'button', // "See more"
    });
    const post: Post = {
      site: 'facebook',
      id: header.permalink.id,
      url: header.permalink.url,
      author: authorOf(header.name),
      time: null, // the timestamp text is deliberately scrambled
      text: body.text,
      lang: null,
      // "See more" in the message: the rest of the text is not in the page until clicked.
      truncated: body.clipped || message?.querySelector('[role="button"]') != null,
      links: body.links,
      // Photos as the feed loads them (signed fbcdn.net addresses, taken as given).
      media: postMedia(picturesOf(ownElements(root, PHOTOS)), ownElements(root, 'video').length > 0),
      quoted: null,
      parent: null,
      replyTo: [],
    };
    return post;
  },

  badgeAnchor(root) {
    const name = headerOf(root)?.name;
    const parent = name?.parentElement;
    return name && parent && root.contains(parent) ? { parent, before: name.nextSibling } : null;
  },
};

// ---------------------------------------------------------------------------------------
// Header: author and permalink

interface Header {
  /** The author line. */
  name: Element;
  permalink: Permalink;
}

/** The author line and the permalink beside it, or null when the post shows no permalink (yet). */
function headerOf(root: Element): Header | null {
  const name = authorNameOf(root);
  const permalink = name === null ? null : permalinkNear(root, name);
  return name === null || permalink === null ? null : { name, permalink };
}

/** The first heading-like block holding a link, outside comments: the post's author line. */
function authorNameOf(root: Element): Element | null {
  const first = root.querySelector(AUTHOR_NAME); // the usual case, without listing them all
  if (first !== null && isAuthorLine(root, first)) return first;
  for (const el of root.querySelectorAll(AUTHOR_NAME)) {
    if (isAuthorLine(root, el)) return el;
  }
  return null;
}

function isAuthorLine(root: Element, el: Element): boolean {
  return isOwn(root, el) && el.querySelector('a[href]') !== null;
}

/**
 * The post link in the header around the author's name: climbing from the name, the first
 * ancestor that holds a post link, if that ancestor holds no message and no other author (else
 * the link is not the header's).
 */
function permalinkNear(root: Element, name: Element): Permalink | null {
  let scope = name.parentElement;
  for (let depth = 0; scope !== null && root.contains(scope) && depth < HEADER_DEPTH; depth++) {
    for (const link of scope.querySelectorAll(POST_LINK)) {
      const permalink = isOwn(root, link) ? parsePermalink(link) : null;
      if (permalink === null) continue;
      return scope.querySelector(MESSAGE) === null && countNames(scope) <= 1 ? permalink : null;
    }
    scope = scope === root ? null : scope.parentElement;
  }
  return null;
}

/** Author lines in `scope` (a `profile_name` block and the heading inside it count once). */
function countNames(scope: Element): number {
  let count = 0;
  for (const el of scope.querySelectorAll(AUTHOR_NAME)) {
    const outer = el.parentElement?.closest(AUTHOR_NAME);
    if ((!outer || !scope.contains(outer)) && el.querySelector('a[href]') !== null) count++;
  }
  return count;
}

/** A post permalink (not a comment's: those carry `comment_id`), or null. */
function parsePermalink(link: Element): Permalink | null {
  const url = absolute(link.getAttribute('href'));
  const path = url === null ? null : /^https:\/\/(?:www\.|web\.)?facebook\.com(\/[^?#]*)/.exec(url)?.[1];
  if (url === null || path == null || queryParam(url, 'comment_id') !== null) return null;
  for (const shape of POST_PATHS) {
    const match = shape.exec(path);
    if (match?.[1] && match[2]) {
      const section = shape === POST_PATHS[0] ? `groups/${match[1]}/posts` : `${match[1]}/posts`;
      return { id: match[2], url: `${ORIGIN}/${section}/${match[2]}` };
    }
  }
  const story = STORY_PATH.test(path) ? queryParam(url, 'story_fbid') : null;
  const owner = queryParam(url, 'id');
  if (story === null || !STORY_ID.test(story)) return null;
  const ownerParam = owner !== null && /^\d{1,25}$/.test(owner) ? `&id=${owner}` : '';
  return { id: story, url: `${ORIGIN}/permalink.php?story_fbid=${story}${ownerParam}` };
}

/** Name: the text of the first link of the author line; handle: its vanity name, or numeric id. */
function authorOf(nameBlock: Element): Post['author'] {
  const link = nameBlock.querySelector('a[href]');
  const name = link === null ? '' : readText(link).replace(/\s+/g, ' ');
  return {
    name: clip(name, SHORT_TEXT_MAX),
    handle: clip(handleOf(link?.getAttribute('href') ?? null), SHORT_TEXT_MAX),
  };
}

function handleOf(href: string | null): string {
  const url = absolute(href);
  if (url === null || urlHost(url) !== HOST) return '';
  const path = /^https:\/\/[^/]+(\/[^?#]*)/.exec(url)?.[1] ?? '';
  const profileId = /^\/profile\.php$/.test(path) ? queryParam(url, 'id') : null;
  if (profileId !== null) return /^\d{1,25}$/.test(profileId) ? profileId : '';
  const groupUser = /^\/groups\/[^/]+\/user\/(\d{1,25})\/?$/.exec(path)?.[1];
  if (groupUser) return groupUser;
  const vanity = PROFILE_PATH.exec(path)?.[1];
  return vanity && !NOT_PROFILES.has(vanity.toLowerCase()) ? vanity : '';
}

// ---------------------------------------------------------------------------------------
// Body

/** The first message block of the post, unless a second author (a shared post's) comes before it. */
function messageOf(root: Element, name: Element): Element | null {
  const message = ownElements(root, MESSAGE)[0] ?? null;
  if (message === null) return null;
  const otherName = Array.from(root.querySelectorAll(AUTHOR_NAME)).find(
    (el) =>
      !name.contains(el) && !el.contains(name) && isOwn(root, el) && el.querySelector('a[href]') !== null,
  );
  const sharedFirst = otherName !== undefined && otherName.compareDocumentPosition(message) & FOLLOWING;
  return sharedFirst ? null : message;
}

/** Outside links go through `l.facebook.com/l.php?u={url}`; Facebook's own links stay on it. */
function linkTarget(a: Element): string | null {
  const url = httpUrl(a.getAttribute('href'));
  const host = url === null ? null : urlHost(url);
  if (host === null) return null;
  if (host === 'l.facebook.com' || host === 'lm.facebook.com') {
    const target = httpUrl(withoutClickId(queryParam(url!, 'u')));
    return target !== null && urlHost(target) !== HOST ? target : null;
  }
  return host === HOST || host.endsWith(`.${HOST}`) ? null : url;
}

/** Facebook appends its click id (`fbclid`) to the target of every outside link. */
function withoutClickId(url: string | null): string | null {
  return url?.replace(/([?&])fbclid=[^&#]*&?/, '$1').replace(/[?&](#|$)/, '$1') ?? null;
}

// ---------------------------------------------------------------------------------------

/** Facebook writes both absolute and root-relative links. */
function absolute(href: string | null): string | null {
  if (href === null) return null;
  return href.startsWith('/') && !href.startsWith('//') ? httpUrl(ORIGIN + href) : httpUrl(href);
}

/** Is `el` part of the post itself, not of a comment inside it? */
function isOwn(root: Element, el: Element): boolean {
  const article = el.closest(NESTED_ARTICLE);
  return article === null || !root.contains(article) || article === root;
}

function ownElements(root: Element, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter((el) => isOwn(root, el));
}
