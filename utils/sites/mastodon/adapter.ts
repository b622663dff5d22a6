/**
 * Mastodon adapter, for any instance (forks such as glitch-soc share the markup). The DOM it
 * reads is described in utils/sites/mastodon/README.md: the classic status layout of all 4.x
 * releases (class names are Mastodon's own, stable across versions) and the stable hooks of the
 * redesign (article[data-id], time[datetime], [lang], header links).
 *
 * Post ids: `{instance host}/{status id}`, e.g. `mastodon.social/117687664053592342`. A status id
 * (`.status[data-id]`, `/@acct/{id}`) is only unique on the instance being viewed: the same
 * remote post has another id on another server, and two servers can give the same id to two
 * different posts. With the host, `data-footnote-post="mastodon:{host}/{id}"` names one post
 * wherever Footnote runs (the popup lists tabs of several instances side by side).
 */
import {
  LINKS_MAX,
  POST_TEXT_MAX,
  REPLY_TO_MAX,
  SHORT_TEXT_MAX,
  URL_MAX,
  type Post,
  asQuoted,
  type PostMedia,
  type QuotedPost,
} from '../../core/post';
import { readText } from '../dom-text';
import type { SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';
import { snowflakeTime, type SnowflakeSpec } from '../snowflake';
import { clip, firstOutside } from '../post-fields';
import { picturesOf, postMedia } from '../post-media';
import { authorContext, withPlatformContext } from '../platform-context';

/** Mastodon ids since 2017 are snowflakes: ms = id >> 16. Older ids are sequential. */
const MASTODON_SNOWFLAKE: SnowflakeSpec = {
  shiftBits: 16n,
  epochMs: 0n,
  minId: BigInt(Date.UTC(2017, 0, 1)) << 16n,
};

/**
 * Classic status [MAST status.jsx `.status[data-id]`, minus nested quotes `.status--is-quote`],
 * the focused status of a thread [DEF `.detailed-status`], and the redesign's status article
 * (the list's own article wrapper carries aria-posinset) [MAST status/status.tsx].
 */
const POST_ROOT =
  'div.status[data-id]:not(.status--is-quote), div.detailed-status, article[data-id]:not([aria-posinset])';
/** The web UI's mount point and initial state [MAST _web_app.html.haml]. */
const APP_HOLDER = 'div[id="mastodon"][data-props]';
const INITIAL_STATE = 'script[id="initial-state"][type="application/json"]';

/** Nested quoted posts: classic 4.4+ [MAST legacy/quoted.tsx], redesign (a nested status article). */
const QUOTE = '.status__quote, article[data-id]';
const PERMALINK = 'a.status__relative-time, a.detailed-status__datetime, header a[href] time[datetime]';
const AUTHOR_LINK =
  'a.status__display-name, a.detailed-status__display-name, header a[data-hover-card-account]';
const TEXT = '.status__content__text, [style*="--max-height"] > div';
/** 4.3+ content warning banner; the filter banner shares the class [MAST status_banner.tsx]. */
const CW_BANNER = '.content-warning:not(.content-warning--filter)';
const FILTER_BANNER = '.content-warning--filter';
/** ≤ 4.2: the spoiler text sits beside a "Show more" button inside .status__content. */
const LEGACY_CW_BUTTON = 'button.status__content__spoiler-link';
const MEDIA_ITEM = '.media-gallery__item';
const VIDEO = '.video-player, video';

const STATUS_PATH = /^(?:https?:\/\/[^/?#]+)?\/@([^/?#]{1,300})\/(\d{1,20})\/?$/;
const DECIMAL_ID = /^\d{1,20}$/;
/** `user` or `user@domain`, as in `/@acct` paths and "@acct" labels. */
const ACCT = /^@?([A-Za-z0-9_.-]{1,64}(?:@[A-Za-z0-9.-]{1,253})?)$/;
const PROFILE_URL =
  /^(?:https?:\/\/([^/?#]+))?\/(?:@|users\/)([A-Za-z0-9_.-]{1,64}(?:@[A-Za-z0-9.-]{1,253})?)\/?$/;
const HTTP_URL = /^https?:\/\/\S+$/i;
const LANG_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
const NOT_A_LANGUAGE = /^(?:und|zxx|mul)$/i;
/** Paragraphs and other blocks of server-rendered HTML: a blank line apart. */
const PARAGRAPH_TAGS = new Set(['P', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LINE_TAGS = new Set(['LI', 'DIV']);

/** How the text marks a content warning, and a body the page keeps hidden behind it. */
export const CONTENT_WARNING_LABEL = 'Content warning';
export const HIDDEN_BODY_MARK = '[Text hidden behind the content warning]';

/** Home, the public timelines, a profile, a status: pages that show posts once loaded. */
const FEED_PATH = /^\/(?:home|public(?:\/local)?|@[^/]{1,300}(?:\/\d{1,20})?)\/?$/;
/** A status page, `/@{acct}/{id}` (a remote account's acct holds its host): the status in its thread. */
const THREAD_PATH = /^\/@[^/]{1,300}\/\d{1,20}\/?$/;

export const mastodonAdapter: SiteAdapter = {
  id: 'mastodon',
  expectsPosts: (location) => FEED_PATH.test(location.pathname),
  threadPage: (location) => THREAD_PATH.test(location.pathname),
  probes: { text: TEXT, permalink: PERMALINK },
  postRootSelector: POST_ROOT,

  matchesLocation(location) {
    return isSiteHost('mastodon', location.hostname);
  },

  matchesDocument(document) {
    if (document.querySelector(APP_HOLDER) !== null) return true;
    return (
      document.querySelector(INITIAL_STATE) !== null && document.body?.classList.contains('app-body') === true
    );
  },

  postId(root) {
    const id = statusIdOf(root);
    return id === null ? null : instanceId(id, pageHost(root.ownerDocument));
  },

  extractPost(root) {
    const post = extract(root);
    if (post === null) return null;
    const parent = parentStatus(root);
    const context = parent === null ? null : extract(parent);
    return { ...post, parent: context === null ? null : asQuoted(context) };
  },

  badgeAnchor(root) {
    const quote = quoteIn(root);
    if (permalinkOf(root, quote) === null) return null;
    // Appended to Mastodon's own header row: styled by the extension's stylesheet, no inline style (CSP).
    const header = firstOutside(root, '.status__info, .detailed-status__meta__line, header', quote);
    return header === null ? null : { parent: header, before: null };
  },
};

/** The status a root shows, without its thread context (`parent` is null). */
function extract(root: Element): Post | null {
  const id = statusIdOf(root);
  const quote = quoteIn(root);
  const permalink = permalinkOf(root, quote);
  if (id === null || permalink === null || permalink.id !== id) return null;
  const host = pageHost(root.ownerDocument);
  const handle = authorHandle(root, quote, permalink, host);
  const textEl = firstOutside(root, TEXT, quote);
  const warning = contentWarning(root, quote, textEl);
  const body = statusText(textEl, warning);
  const post: Post = {
    site: 'mastodon',
    id: instanceId(id, host),
    url: absoluteUrl(permalink.href, root.ownerDocument),
    author: { name: displayName(root, quote), handle },
    time: isoTime(permalink.time) ?? snowflakeTime(id, MASTODON_SNOWFLAKE),
    text: body.text,
    lang: displayLang(textEl),
    truncated: body.truncated,
    links: body.links,
    media: mediaIn(root, quote),
    quoted: quotedPostIn(quote, host),
    parent: null,
    replyTo: replyTargets(root, textEl, host),
  };
  // The author's own warning, which Mastodon shows over the post (and may keep its text behind).
  // The warning is the author's own (its text is in the post's too): shown as theirs, not as evidence.
  return withPlatformContext(post, [warning && authorContext('content_warning', warning.text)]);
}

/** A redesign status article nested in another one (a quote). */
const QUOTE_ARTICLE = 'article[data-id]:not([aria-posinset])';

// ---------------------------------------------------------------------------------------
// Permalink, id, time

/** `{host}/{status id}`: status ids are per instance (see the header). */
function instanceId(statusId: string, host: string | null): string {
  return host === null ? statusId : `${host}/${statusId}`;
}

/** `.status[data-id]` (the original's id, also in a boost); else the permalink (detailed status, redesign). */
function statusIdOf(root: Element): string | null {
  const nested = root.closest('.status__quote') ?? root.parentElement?.closest(QUOTE_ARTICLE) ?? null;
  if (nested !== null || isFilteredOut(root)) return null; // a quote, or hidden by the user's own filter
  const dataId = root.matches('div.status') ? root.getAttribute('data-id') : null;
  if (dataId !== null) return DECIMAL_ID.test(dataId) ? dataId : null;
  // The redesign's article data-id is the timeline item's: a boost's own id.
  return permalinkOf(root, quoteIn(root))?.id ?? null;
}

interface Permalink {
  id: string;
  href: string;
  /** Present in timelines; the focused status shows a formatted date instead. */
  time: Element | null;
  /** The acct the link names (`user` or `user@domain`); null when unreadable. */
  acct: string | null;
}

/** The status's own link `/@{acct}/{id}` (relative-time link, detailed datetime link, redesign header). */
function permalinkOf(root: Element, quote: Element | null): Permalink | null {
  for (const found of root.querySelectorAll(PERMALINK)) {
    const link = found.tagName === 'TIME' ? found.closest('a') : found;
    if (link === null || quote?.contains(link)) continue;
    const href = link.getAttribute('href') ?? '';
    const match = STATUS_PATH.exec(href);
    if (!match?.[2]) continue;
    const acct = ACCT.exec(decodeAcct(match[1] ?? ''))?.[1] ?? null;
    return { id: match[2], href, time: link.querySelector('time[datetime]'), acct };
  }
  return null;
}

/** An acct in a path may have its "@" percent-encoded. */
function decodeAcct(segment: string): string {
  return segment.replace(/%40/gi, '@');
}

function isoTime(time: Element | null): string | null {
  const ms = Date.parse(time?.getAttribute('datetime') ?? '');
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function isFilteredOut(root: Element): boolean {
  return root.querySelector(FILTER_BANNER) !== null && root.querySelector(TEXT) === null;
}

function quoteIn(root: Element): Element | null {
  for (const el of root.querySelectorAll(QUOTE)) {
    if (el !== root) return el;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Page, URLs, author

/** The instance being viewed; `URL` rather than `location`, which documents without a window lack. */
function pageHost(doc: Document): string | null {
  return /^https?:\/\/([^/?#:]+)/i.exec(doc.URL)?.[1]?.toLowerCase() ?? null;
}

function absoluteUrl(href: string, doc: Document): string {
  if (HTTP_URL.test(href)) return clip(href, URL_MAX);
  const origin = /^https?:\/\/[^/?#]+/i.exec(doc.URL)?.[0] ?? '';
  return clip(origin + href, URL_MAX);
}

/** `user@domain`: status headers show local accounts as `@user` only, so they get the instance's domain. */
function fullAcct(acct: string, host: string | null): string {
  return acct.includes('@') || host === null ? acct : `${acct}@${host}`;
}

function authorHandle(
  root: Element,
  quote: Element | null,
  permalink: Permalink,
  host: string | null,
): string {
  const shown = firstOutside(root, '.display-name__account', quote)?.textContent?.trim() ?? '';
  const link = firstOutside(root, AUTHOR_LINK, quote);
  const acct =
    ACCT.exec(shown)?.[1] ??
    ACCT.exec(link?.getAttribute('title') ?? '')?.[1] ??
    PROFILE_URL.exec(link?.getAttribute('href') ?? '')?.[2] ??
    permalink.acct;
  return acct === null || acct === undefined ? '' : clip(fullAcct(acct, host), SHORT_TEXT_MAX);
}

/** The display name (`.display-name__html`), custom emoji as their ":shortcode:" alt. */
function displayName(scope: Element, skip: Element | null): string {
  const name = firstOutside(scope, '.display-name__html', skip);
  return name === null ? '' : clip(readText(name), SHORT_TEXT_MAX);
}

// ---------------------------------------------------------------------------------------
// Text, content warning, links

interface StatusText {
  text: string;
  links: string[];
  truncated: boolean;
}

/**
 * The status text (server-sanitised HTML), after its content warning when it has one: the warning
 * is part of what the page says, and a body it still hides is marked as such (and `truncated`).
 */
function statusText(textEl: Element | null, warning: Warning | null): StatusText {
  const body = contentText(textEl);
  if (warning === null) return body;
  const head = `[${CONTENT_WARNING_LABEL}: ${warning.text}]`;
  const full = warning.bodyHidden
    ? `${head}\n\n${HIDDEN_BODY_MARK}`
    : body.text
      ? `${head}\n\n${body.text}`
      : head;
  const text = clip(full, POST_TEXT_MAX);
  return {
    text,
    links: warning.bodyHidden ? [] : body.links,
    truncated: warning.bodyHidden || body.truncated || text.length < full.length,
  };
}

/** Server HTML: `<p>` per paragraph (a blank line apart), `<br>` for line breaks, links by their href. */
function contentText(textEl: Element | null): StatusText {
  if (textEl === null) return { text: '', links: [], truncated: false }; // media-only or hidden
  const links: string[] = [];
  const options = {
    blockTags: LINE_TAGS,
    replaceElement(el: Element): string | undefined {
      if (PARAGRAPH_TAGS.has(el.tagName)) return `\n\n${readText(el, options)}\n\n`;
      if (el.tagName !== 'A') return undefined;
      const target = linkTarget(el);
      if (target === null) return undefined; // mention, hashtag: as shown
      if (target.length <= URL_MAX && !links.includes(target) && links.length < LINKS_MAX) links.push(target);
      return target;
    },
  };
  const full = readText(textEl, options).replace(/\n{3,}/g, '\n\n');
  const text = clip(full, POST_TEXT_MAX);
  return { text, links, truncated: text.length < full.length };
}

/**
 * The full URL of an outbound link; null for mentions and hashtags (class "mention", or text
 * starting with @/#), which read as shown. The shown text of a link is cut (invisible spans).
 */
function linkTarget(a: Element): string | null {
  const href = a.getAttribute('href') ?? '';
  if (!HTTP_URL.test(href) || a.classList.contains('mention')) return null;
  return /^[@#＃]/.test((a.textContent ?? '').trim()) ? null : href;
}

interface Warning {
  text: string;
  bodyHidden: boolean;
}

/** The content warning: the 4.3+ banner (the body is not rendered while collapsed) or ≤ 4.2's spoiler. */
function contentWarning(root: Element, quote: Element | null, textEl: Element | null): Warning | null {
  const banner = firstOutside(root, CW_BANNER, quote);
  if (banner !== null) {
    const text = readText(banner.querySelector('p') ?? banner);
    return { text: clip(text, SHORT_TEXT_MAX), bodyHidden: textEl === null };
  }
  const button = firstOutside(root, LEGACY_CW_BUTTON, quote);
  const spoiler = button?.parentElement?.querySelector('span');
  if (!button || !spoiler) return null;
  const visible = textEl?.classList.contains('status__content__text--visible') ?? false;
  return { text: clip(readText(spoiler), SHORT_TEXT_MAX), bodyHidden: !visible };
}

/** The language of the text as displayed (after "Translate", the translation's). */
function displayLang(textEl: Element | null): string | null {
  const lang = textEl?.getAttribute('lang')?.trim() ?? '';
  if (!LANG_TAG.test(lang) || lang.length > 35 || NOT_A_LANGUAGE.test(lang)) return null;
  return lang;
}

// ---------------------------------------------------------------------------------------
// Replies

/**
 * Whom a reply answers: the mentions it opens with (Mastodon pre-fills them), else the account in
 * the "Replied to {name}" label above it. Full accts, like the author's handle.
 */
function replyTargets(root: Element, textEl: Element | null, host: string | null): string[] {
  const isReply = root.classList.contains('status-reply') || root.closest('.status__wrapper-reply') !== null;
  if (!isReply) return [];
  const leading = leadingMentions(textEl, host);
  return leading.length > 0 ? leading : threadLabelTarget(root, host);
}

function leadingMentions(textEl: Element | null, host: string | null): string[] {
  const first = textEl?.firstElementChild?.tagName === 'P' ? textEl.firstElementChild : textEl;
  const accts: string[] = [];
  for (let node = first?.firstChild ?? null; node !== null; node = node.nextSibling) {
    if (node.nodeType === 3 && (node.nodeValue ?? '').trim() === '') continue; // spaces between mentions
    const link = node.nodeType === 1 ? mentionLink(node as Element) : null;
    const acct = link === null ? null : mentionAcct(link, host);
    if (acct === null) break;
    if (!accts.includes(acct) && accts.length < REPLY_TO_MAX) accts.push(acct);
  }
  return accts;
}

/** `span.h-card > a.mention` or a bare `a.mention` (not a hashtag). */
function mentionLink(el: Element): Element | null {
  const link = el.tagName === 'A' ? el : el.classList.contains('h-card') ? el.querySelector('a') : null;
  if (link === null || link.classList.contains('hashtag')) return null;
  return link.classList.contains('mention') || /^@/.test(link.textContent?.trim() ?? '') ? link : null;
}

/** From the title "@user@domain" (4.4+), else the href (`/@acct`, `https://domain/@user`). */
function mentionAcct(link: Element, host: string | null): string | null {
  const titled = ACCT.exec(link.getAttribute('title') ?? '')?.[1];
  if (titled) return clip(fullAcct(titled, host), SHORT_TEXT_MAX);
  const match = PROFILE_URL.exec(link.getAttribute('href') ?? '');
  if (!match?.[2]) return null;
  const acct = match[1] && !match[2].includes('@') ? `${match[2]}@${match[1].toLowerCase()}` : match[2];
  return clip(fullAcct(acct, host), SHORT_TEXT_MAX);
}

/** The home timeline's thread label: a reply icon and a link to the account replied to [MAST thread_label.tsx]. */
function threadLabelTarget(root: Element, host: string | null): string[] {
  const wrapper = root.closest('.status__wrapper');
  const prepend = wrapper?.querySelector(':scope > .status__prepend');
  if (!prepend || prepend.querySelector('.icon-reply') === null) return []; // a boost label names the booster
  const acct = PROFILE_URL.exec(prepend.querySelector('a[href]')?.getAttribute('href') ?? '')?.[2];
  return acct ? [clip(fullAcct(acct, host), SHORT_TEXT_MAX)] : [];
}

// ---------------------------------------------------------------------------------------
// Thread context

/** A thread page's statuses: ancestors, the focused (detailed) status, descendants. */
const THREAD_ITEM = 'div.status[data-id]:not(.status--is-quote), div.detailed-status';

/**
 * The status this one replies to, on a thread page [MAST status.jsx `connectUp`/`connectToRoot`]:
 * ancestors form a chain ending in the focused status, so their parent is the status above. Below
 * the focused status (depth-first), a reply continues the status above unless it is marked
 * `status--first-in-thread`; such a reply answers the focused status when it has a thread line
 * (`status__line`) that does not lead to the next status (which is then `--first-in-thread` too).
 * Timelines do not show parents: null there, and for the redesign (no such classes yet).
 */
function parentStatus(root: Element): Element | null {
  const detailed = root.matches('div.detailed-status');
  if (!detailed && !(root.classList.contains('status--in-thread') && root.classList.contains('status-reply')))
    return null;
  const thread = root.closest('.scrollable, .column');
  if (thread === null) return null;
  const items = Array.from(thread.querySelectorAll(THREAD_ITEM)).filter(
    (el) => el.closest('.status__quote') === null,
  );
  const index = items.indexOf(root);
  const focused = items.findIndex((el) => el.matches('div.detailed-status'));
  if (index <= 0 || focused === -1) return null;
  if (index <= focused || !root.classList.contains('status--first-in-thread')) return items[index - 1]!;
  const next = items[index + 1];
  const lineEndsHere = next === undefined || next.classList.contains('status--first-in-thread');
  return root.querySelector(':scope > .status__line') !== null && lineEndsHere ? items[focused]! : null;
}

// ---------------------------------------------------------------------------------------
// Media, quote

/**
 * Images [MAST media_gallery.jsx]: one per gallery item, its description and its address (the
 * `srcset` holds the preview and the original with their widths); an item whose image is hidden
 * (sensitive media not revealed) gives "" for both. GIFs and videos are video, described by their
 * player's label [MAST video/index.tsx].
 */
function mediaIn(scope: Element, skip: Element | null): PostMedia {
  const outside = (el: Element) => skip === null || !skip.contains(el);
  const images: Element[] = [];
  for (const item of scope.querySelectorAll(MEDIA_ITEM)) {
    if (outside(item) && item.querySelector('video') === null) images.push(item.querySelector('img') ?? item);
  }
  const hasVideo = Array.from(scope.querySelectorAll(VIDEO)).some(outside);
  const described = firstOutside(scope, 'video[aria-label]', skip);
  return postMedia(picturesOf(images), hasVideo, described?.getAttribute('aria-label'));
}

/** The quoted status (4.4+): a full status nested in `.status__quote`; error states yield null. */
function quotedPostIn(quote: Element | null, host: string | null): QuotedPost | null {
  const status = quote?.matches('article[data-id]')
    ? quote
    : quote?.querySelector('.status[data-id], article[data-id]');
  if (!status) return null;
  const nested = quoteIn(status);
  const permalink = permalinkOf(status, nested);
  const textEl = firstOutside(status, TEXT, nested);
  const body = statusText(textEl, contentWarning(status, nested, textEl));
  const id = permalink?.id ?? null;
  return {
    id: id === null ? null : instanceId(id, host),
    url: permalink === null ? null : absoluteUrl(permalink.href, status.ownerDocument),
    author: {
      name: displayName(status, nested),
      handle: permalink === null ? '' : authorHandle(status, nested, permalink, host),
    },
    time: isoTime(permalink?.time ?? null) ?? (id === null ? null : snowflakeTime(id, MASTODON_SNOWFLAKE)),
    text: body.text,
    lang: displayLang(textEl),
    truncated: body.truncated,
    media: mediaIn(status, nested),
  };
}
