/**
 * LinkedIn feed adapter (www.linkedin.com). The DOM it reads is described in
 * utils/sites/linkedin/README.md (source: kepano/defuddle `src/extractors/linkedin.ts`):
 *
 * - classic feed: `.feed-shared-update-v2[data-urn="urn:li:activity:{id}"]`, the author in
 *   `.update-components-actor`, the text in `.update-components-update-v2__commentary`, a reshared
 *   post in `.feed-shared-update-v2__update-content-wrapper`;
 * - 2026 redesign: `[role="listitem"][componentkey*="FeedType_MAIN_FEED"]` with hashed classes and
 *   `[data-testid="expandable-text-box"]`. It usually carries no activity id; such cards give
 *   nothing (no id to key notes on, no permalink), only cards that name their activity URN are read;
 * - public pages a logged-out reader sees (a company's page, a post at `/posts/…`):
 *   `article[data-activity-urn]` cards (`main-feed-activity-card`, company-guest.html) with
 *   `data-test-id` hooks for the author line and the text.
 *
 * The page shows relative times ("3h"); the activity id encodes the exact one (ms = id >> 22).
 * LinkedIn renders names and labels twice, once for screen readers (`.visually-hidden`): skipped.
 */
import { SHORT_TEXT_MAX, type Post, type PostMedia, type QuotedPost } from '../../core/post';
import { readText } from '../dom-text';
import { clip, httpUrl, urlHost } from '../post-fields';
import { picturesOf, postMedia, readableSrc } from '../post-media';
import { readPostText, textPostFields, type PostText } from '../post-text';
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';
import { snowflakeTime, type SnowflakeSpec } from '../snowflake';

const HOST = 'linkedin.com';
const ORIGIN = 'https://www.linkedin.com';

const CLASSIC_ROOT = '.feed-shared-update-v2[data-urn]';
const REDESIGN_ROOT = '[role="listitem"][componentkey*="FeedType_MAIN_FEED"]';
const RESHARED = '.feed-shared-update-v2__update-content-wrapper';
const GUEST_ROOT = 'article[data-activity-urn]';
/** The 2025 feed marks the actor block only by its parts (feed-logged-in-post-fragment-2025.html). */
const ACTOR = '.update-components-actor, .update-components-actor__container';
const ACTOR_META = '.update-components-actor__meta';
const GUEST_ACTOR = '[data-test-id="main-feed-activity-card__entity-lockup"]';
const GUEST_TEXT = '[data-test-id="main-feed-activity-card__commentary"]';
const GUEST_PHOTOS = '[data-test-id="feed-images-content"] img';
const GUEST_VIDEO = '[data-test-id="feed-native-video-content"], video';
const COMMENTARY = '.update-components-update-v2__commentary, .update-components-text';
const SCREEN_READER_ONLY = '.visually-hidden, .feed-shared-inline-show-more-text__see-more-less-toggle';
const DETAILS_LINK =
  'a.update-components-mini-update-v2__link-to-details-page, a[href*="/feed/update/urn:li:activity:"]';

const ACTIVITY_URN = /urn:li:activity:(\d{1,20})(?!\d)/;
/** `/in/{slug}` people, `/company/{slug}` and `/school/{slug}` pages. */
const PROFILE_PATH =
  /^(?:https?:\/\/(?:[\w-]+\.)?linkedin\.com)?\/(?:in|company|school|showcase)\/([^/?#\s]{1,100})/;
const CONTROL_MENU_LABEL = /^Open control menu for post by (.+)$/;

/** Activity ids: ms since the Unix epoch in the bits above 22; smaller ids predate it. */
const LINKEDIN_ACTIVITY: SnowflakeSpec = { shiftBits: 22n, epochMs: 0n, minId: 5_000_000_000_000_000_000n };

/** The feed, a company's page, a public post: pages that show posts once loaded. */
const FEED_PATH = /^\/(?:feed|company\/[^/]{1,200}(?:\/posts)?|posts\/[^/]{1,300})\/?$/;
/** One update with its comments: `/feed/update/urn:li:activity:{id}/`, or a public post `/posts/{slug}`. */
const THREAD_PATH = /^\/(?:feed\/update|posts)\/[^/]{1,300}\/?$/;

export const linkedInAdapter: SiteAdapter = {
  id: 'linkedin',
  expectsPosts: (location) => FEED_PATH.test(location.pathname),
  threadPage: (location) => THREAD_PATH.test(location.pathname),
  probes: {
    'classic post': CLASSIC_ROOT,
    'redesigned post': REDESIGN_ROOT,
    'public post': GUEST_ROOT,
    actor: ACTOR,
    text: COMMENTARY,
    'public actor': GUEST_ACTOR,
    'public text': GUEST_TEXT,
  },
  postRootSelector: `${CLASSIC_ROOT}, ${REDESIGN_ROOT}, ${GUEST_ROOT}`,

  matchesLocation(location) {
    return isSiteHost('linkedin', location.hostname);
  },

  postId(root) {
    switch (layoutOf(root)) {
      case 'classic':
        return classicId(root);
      case 'guest':
        return guestId(root);
      default:
        return redesignId(root);
    }
  },

  extractPost(root) {
    const id = linkedInAdapter.postId(root);
    if (id === null) return null;
    switch (layoutOf(root)) {
      case 'classic':
        return classicPost(root, id);
      case 'guest':
        return guestPost(root, id);
      default:
        return redesignPost(root, id);
    }
  },

  badgeAnchor(root) {
    if (linkedInAdapter.postId(root) === null) return null;
    switch (layoutOf(root)) {
      case 'classic': {
        const meta = outside(root, ACTOR_META, root.querySelector(RESHARED));
        return meta === null ? null : { parent: meta, before: null };
      }
      case 'guest':
        return afterElement(guestNameLink(root));
      default:
        return beforeElement(root.querySelector('[data-testid="expandable-text-box"]'));
    }
  },
};

type Layout = 'classic' | 'guest' | 'redesign';

function layoutOf(root: Element): Layout {
  if (root.matches(CLASSIC_ROOT)) return 'classic';
  return root.matches(GUEST_ROOT) ? 'guest' : 'redesign';
}

// ---------------------------------------------------------------------------------------
// Classic feed

/** The activity id of `data-urn`; sponsored and other non-activity updates have none. */
function classicId(root: Element): string | null {
  const urn = root.getAttribute('data-urn') ?? '';
  return /^urn:li:activity:\d{1,20}$/.test(urn) ? urn.slice('urn:li:activity:'.length) : null;
}

function classicPost(root: Element, id: string): Post {
  const reshared = root.querySelector(RESHARED);
  const actor = outside(root, ACTOR, reshared);
  const body = commentaryText(outside(root, COMMENTARY, reshared));
  return {
    ...basePost(id, authorOf(actor), body),
    media: mediaIn(root, reshared),
    quoted: quotedPost(reshared),
  };
}

function quotedPost(reshared: Element | null): QuotedPost | null {
  if (reshared === null) return null;
  const body = commentaryText(reshared.querySelector(COMMENTARY));
  const id = activityIn(reshared.querySelector(DETAILS_LINK)?.getAttribute('href'));
  return {
    id,
    url: id === null ? null : permalink(id),
    author: authorOf(reshared.querySelector(ACTOR)),
    time: id === null ? null : snowflakeTime(id, LINKEDIN_ACTIVITY),
    text: body.text,
    lang: null,
    truncated: body.clipped,
    media: mediaIn(reshared, null),
  };
}

/**
 * `.update-components-actor__title` without its screen-reader copy and the "• 2nd" connection
 * degree; the handle is the profile or company slug of the actor's link.
 */
function authorOf(actor: Element | null): Post['author'] {
  const title = actor?.querySelector('.update-components-actor__title, .update-components-actor__name');
  const name = title
    ? readText(title, {
        replaceElement: (el) =>
          el.matches(`${SCREEN_READER_ONLY}, .update-components-actor__supplementary-actor-info`)
            ? ''
            : undefined,
      }).replace(/\s+/g, ' ')
    : '';
  const link = actor?.querySelector(
    'a.update-components-actor__meta-link, a[href*="/in/"], a[href*="/company/"]',
  );
  return { name: clip(name, SHORT_TEXT_MAX), handle: slugOf(link?.getAttribute('href')) };
}

/** Photos (their alt is the author's description) and videos outside the reshared post. */
function mediaIn(scope: Element, skip: Element | null): PostMedia {
  const outsideSkip = (el: Element) => skip === null || !skip.contains(el);
  const photos = Array.from(scope.querySelectorAll('.update-components-image img')).filter(outsideSkip);
  const videos = Array.from(scope.querySelectorAll('.update-components-linkedin-video video, video')).filter(
    outsideSkip,
  );
  return postMedia(picturesOf(photos, photoUrl), videos.length > 0);
}

/**
 * A photo's address as the page loaded it (media.licdn.com `feedshare-shrink_800` or
 * `…_2048_1536`, signed: taken as given); public pages load it late, from `data-delayed-url`.
 */
function photoUrl(img: Element): string | null {
  return img.getAttribute('data-delayed-url') ?? readableSrc(img);
}

// ---------------------------------------------------------------------------------------
// 2026 redesign (rolled out to many accounts during 2026; see utils/sites/linkedin/README.md)

/**
 * Only a card that names its activity: in its componentkey, or in links to one activity only
 * (several different ones could be a reshared post's, so then nothing).
 */
function redesignId(root: Element): string | null {
  const own = activityIn(root.getAttribute('componentkey'));
  if (own !== null) return own;
  const linked = new Set<string>();
  for (const a of root.querySelectorAll('a[href*="urn:li:activity:"]')) {
    const id = activityIn(a.getAttribute('href'));
    if (id !== null) linked.add(id);
  }
  return linked.size === 1 ? [...linked][0]! : null;
}

function redesignPost(root: Element, id: string): Post {
  const body = commentaryText(root.querySelector('[data-testid="expandable-text-box"]'));
  return {
    ...basePost(id, redesignAuthor(root), body),
    media: { imageAlts: [], hasVideo: root.querySelector('video') !== null },
  };
}

/**
 * The name only appears in the "Open control menu for post by …" label (English UI) and in the
 * first profile link.
 */
function redesignAuthor(root: Element): Post['author'] {
  const link = root.querySelector('a[href*="/in/"], a[href*="/company/"]');
  const label =
    root.querySelector('button[aria-label^="Open control menu for post by "]')?.getAttribute('aria-label') ??
    '';
  const name = CONTROL_MENU_LABEL.exec(label)?.[1] ?? (link ? readText(link) : '');
  return { name: clip(name.trim(), SHORT_TEXT_MAX), handle: slugOf(link?.getAttribute('href')) };
}

// ---------------------------------------------------------------------------------------
// Public pages (logged out)

/**
 * The activity the card shows: a repost card names the reposted activity as featured
 * (company-guest.html), the id the feed keys that post on too.
 */
function guestId(root: Element): string | null {
  for (const name of ['data-featured-activity-urn', 'data-activity-urn']) {
    const urn = root.getAttribute(name) ?? '';
    if (/^urn:li:activity:\d{1,20}$/.test(urn)) return urn.slice('urn:li:activity:'.length);
  }
  return null;
}

function guestPost(root: Element, id: string): Post {
  // The text is `white-space: pre-wrap`: its line breaks are literal.
  const body = readPostText(root.querySelector(GUEST_TEXT), { flow: false, linkTarget });
  const link = guestNameLink(root);
  const name = link === null ? '' : readText(link).replace(/\s+/g, ' ');
  return {
    ...basePost(id, { name: clip(name, SHORT_TEXT_MAX), handle: slugOf(link?.getAttribute('href')) }, body),
    media: postMedia(
      picturesOf(root.querySelectorAll(GUEST_PHOTOS), photoUrl),
      root.querySelector(GUEST_VIDEO) !== null,
    ),
  };
}

/** The author's name link: the lockup's first link with text (the one before it is the avatar). */
function guestNameLink(root: Element): Element | null {
  for (const link of root.querySelector(GUEST_ACTOR)?.querySelectorAll('a[href]') ?? []) {
    if ((link.textContent ?? '').trim() !== '') return link;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Shared

function basePost(id: string, author: Post['author'], body: PostText): Post {
  return {
    site: 'linkedin',
    id,
    url: permalink(id),
    author,
    time: snowflakeTime(id, LINKEDIN_ACTIVITY),
    ...textPostFields(body),
    replyTo: [],
  };
}

function permalink(id: string): string {
  return `${ORIGIN}/feed/update/urn:li:activity:${id}/`;
}

function activityIn(text: string | null | undefined): string | null {
  return ACTIVITY_URN.exec(text ?? '')?.[1] ?? null;
}

/** Server-rendered (Ember) markup with `<br>` line breaks; hashtags carry a hidden "hashtag" word. */
function commentaryText(el: Element | null): PostText {
  return readPostText(el, { flow: true, linkTarget, skip: (child) => child.matches(SCREEN_READER_ONLY) });
}

/**
 * Outside links are `lnkd.in` short links (kept as they are); profiles and hashtags stay on LinkedIn.
 * Public pages append LinkedIn's tracking parameter to every link, outside ones too: dropped.
 */
function linkTarget(a: Element): string | null {
  const url = httpUrl(a.getAttribute('href'));
  const host = url === null ? null : urlHost(url);
  return url === null || host === null || host === HOST || host.endsWith(`.${HOST}`) ? null : untracked(url);
}

/** `url` without its `trk` parameters (a `?` kept for the parameters after them). */
function untracked(url: string): string {
  return url.replace(/[?&]trk=[^&#]*/g, '').replace(/^([^?#]*)&/, '$1?');
}

function slugOf(href: string | null | undefined): string {
  const slug = PROFILE_PATH.exec(href ?? '')?.[1];
  if (slug === undefined) return '';
  return clip(new URLSearchParams(`s=${slug.replace(/\+/g, '%2B')}`).get('s') ?? slug, SHORT_TEXT_MAX);
}

/** First match in `root` not inside `skip` (the reshared post). */
function outside(root: Element, selector: string, skip: Element | null): Element | null {
  for (const el of root.querySelectorAll(selector)) {
    if (skip === null || !skip.contains(el)) return el;
  }
  return null;
}

function beforeElement(el: Element | null): BadgeAnchor | null {
  const parent = el?.parentElement;
  return el && parent ? { parent, before: el } : null;
}

function afterElement(el: Element | null): BadgeAnchor | null {
  const parent = el?.parentElement;
  return el && parent ? { parent, before: el.nextSibling } : null;
}
