/**
 * Generic adapter for pages without an adapter of their own, used only where the user enabled
 * Footnote. SITES.md §6, in order of trust: schema.org microdata posting items, microformats2
 * h-entry, then plain `article`/`[role=article]` elements with a permalink — the last only on
 * pages that carry posting structured data (JSON-LD, microdata or h-entry), so that an ordinary
 * article page never yields a post. JSON-LD postings describe a page's posts without marking
 * them in the DOM: they fill in what a matching article lacks (handle, language, time, text).
 *
 * Post ids are the post's permalink, an absolute http(s) URL (fragment kept: forums address
 * posts by it); the same URL is the Post's url.
 */
import {
  ALT_MAX,
  IMAGES_MAX,
  POST_TEXT_MAX,
  SHORT_TEXT_MAX,
  URL_MAX,
  type Post,
  type PostMedia,
  type QuotedPost,
  asQuoted,
} from '../../posts/post';
import { readText } from '../dom-text';
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { addLink, clip, showsUrl } from '../post-fields';

/** schema.org types that describe a post (BlogPosting, DiscussionForumPosting: SocialMediaPosting subtypes). */
const POSTING_TYPES = ['SocialMediaPosting', 'DiscussionForumPosting', 'BlogPosting', 'Comment'];
const POSTING_ITEMTYPE = new RegExp(`^https?://schema\\.org/(?:${POSTING_TYPES.join('|')})$`);
/** [SITES.md §6.2] microdata, [§6.3] microformats2, [§6.4] ARIA / semantic. */
const MICRODATA_ROOT = POSTING_TYPES.map((t) => `[itemscope][itemtype*="schema.org/${t}"]`).join(', ');
const HENTRY = '.h-entry';
const ARTICLE = 'article, [role="article"]';
const STRUCTURED_ROOT = `${MICRODATA_ROOT}, ${HENTRY}`;
const POST_ROOT = `${STRUCTURED_ROOT}, ${ARTICLE}`;
const JSON_LD = 'script[type="application/ld+json"]';

/** A post's permalink when the markup names none: the link around its timestamp, or rel=bookmark. */
const TIME_LINK = 'a[href] time[datetime]';
const BOOKMARK = 'a[href][rel~="bookmark"]';
/** Where a plain article's text usually is; else the article minus its header, footer and controls. */
const BODY_HINTS =
  '[itemprop~="articleBody"], [itemprop~="text"], .e-content, .post-body, .post-content, .entry-content, .message-body, .cooked';
const NOT_TEXT = new Set(['HEADER', 'FOOTER', 'NAV', 'BUTTON', 'FORM', 'TIME', 'MENU', 'DIALOG']);
const PARAGRAPH_TAGS = new Set([
  'P',
  'BLOCKQUOTE',
  'PRE',
  'UL',
  'OL',
  'TABLE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
]);
const LINE_TAGS = new Set(['LI', 'DIV', 'TR', 'FIGURE', 'FIGCAPTION', 'SECTION', 'DT', 'DD']);
const AUTHOR_HINTS = '[rel~="author"], .author, .post-author, .username';
const HANDLE_HINTS = '.username, .nickname, .p-nickname';
/** Emoji are text; emoji and avatars are not media of the post. */
const EMOJI = 'img[class*="emoji"]';
const NOT_MEDIA = `${EMOJI}, img[class*="avatar"], .h-card img`;

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
/** A date-time with an explicit zone; a bare local time or date says too little to be converted to UTC. */
const ZONED_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const LANG_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
const HANDLE = /^@?([\w.-]{1,64}(?:@[\w.-]{1,253})?)$/;
/** A site's own profile paths: `/u/user`, `/users/user`, `/user/user`, `/members/user`, `/profile/user`. */
const PROFILE_PATH = /^\/(?:u|users?|members|profile)\/@?([\w.-]{1,64})\/?$/i;
/** JSON-LD larger than this is not parsed (a page's posts take far less). */
const JSON_LD_MAX = 1_000_000;

type Kind = 'microdata' | 'hentry' | 'article';

export const genericAdapter: SiteAdapter = {
  id: 'generic',
  /** Any page of a site the user enabled may rightly have no posts. */
  expectsPosts: () => false,
  probes: { 'h-entry': HENTRY, 'JSON-LD': JSON_LD },
  postRootSelector: POST_ROOT,
  // Comments (h-entry, microdata Comment) can sit inside the post they answer.
  nestedRoots: true,

  /** Never by URL: only on sites the user enables, and then by matchesDocument. */
  matchesLocation() {
    return false;
  },

  matchesDocument(document) {
    return document.querySelector(STRUCTURED_ROOT) !== null || jsonLdPostings(document).length > 0;
  },

  postId(root) {
    const kind = kindOf(root);
    return kind === null ? null : (permalinkOf(root, kind)?.url ?? null);
  },

  extractPost(root) {
    const kind = kindOf(root);
    if (kind === null) return null;
    const postings = jsonLdPostings(root.ownerDocument);
    const post = extract(root, kind, postings);
    return post === null ? null : { ...post, parent: parentOf(root, kind, postings) };
  },

  badgeAnchor(root) {
    const kind = kindOf(root);
    const permalink = kind === null ? null : permalinkOf(root, kind);
    const el = permalink?.element;
    const parent = el?.parentElement;
    if (!el || !parent || !root.contains(parent)) return null;
    // After the permalink (usually the timestamp), in the post's own header line.
    return { parent, before: el.nextSibling } satisfies BadgeAnchor;
  },
};

/** The post a root shows, without its thread context (`parent` is null). */
function extract(root: Element, kind: Kind, postings: JsonLdPosting[]): Post | null {
  const permalink = permalinkOf(root, kind);
  if (permalink === null) return null;
  const doc = root.ownerDocument;
  // A plain article is a post only on a page that says it has posts: never on an ordinary article page.
  if (kind === 'article' && postings.length === 0 && doc.querySelector(STRUCTURED_ROOT) === null) return null;
  const fields = withJsonLd(fieldsOf(root, kind), permalink.url, postings);
  if (fields.text === '' && fields.media.imageAlts.length === 0 && !fields.media.hasVideo) return null;
  return {
    site: 'generic',
    id: permalink.url,
    url: permalink.url,
    author: { name: fields.name, handle: fields.handle },
    time: fields.time,
    text: fields.text,
    lang: fields.lang,
    truncated: fields.truncated,
    links: fields.links,
    media: fields.media,
    quoted: fields.quoted,
    parent: null,
    replyTo: fields.replyTo,
  };
}

// ---------------------------------------------------------------------------------------
// Roots and permalinks

/** What kind of post markup the root is; null for a plain article that wraps or sits in marked-up posts. */
function kindOf(root: Element): Kind | null {
  if (isPostingItem(root)) return 'microdata';
  if (root.classList.contains('h-entry')) return 'hentry';
  if (!root.matches(ARTICLE)) return null;
  const structured =
    root.querySelector(STRUCTURED_ROOT) ?? root.parentElement?.closest(STRUCTURED_ROOT) ?? null;
  return structured === null ? 'article' : null; // the marked-up element is the post
}

function isPostingItem(el: Element): boolean {
  if (!el.hasAttribute('itemscope')) return false;
  return (el.getAttribute('itemtype') ?? '').split(/\s+/).some((type) => POSTING_ITEMTYPE.test(type));
}

const NESTING = `${POST_ROOT}, .h-card, .h-cite`;

/**
 * Inside a post nested in `root` (a comment, a quote), or in an h-card / h-cite of it. An article
 * that is no post of its own (a wrapper inside marked-up markup) nests nothing.
 */
function isNested(el: Element, root: Element): boolean {
  let owner = el.parentElement?.closest(NESTING) ?? null;
  while (owner !== null && owner !== root && root.contains(owner)) {
    if (!owner.matches(ARTICLE) || kindOf(owner) !== null) return true;
    owner = owner.parentElement?.closest(NESTING) ?? null;
  }
  return false;
}

function firstOwn(root: Element, selector: string): Element | null {
  for (const el of root.querySelectorAll(selector)) {
    if (!isNested(el, root)) return el;
  }
  return null;
}

interface Permalink {
  url: string;
  /** Where the badge goes after: the permalink, or the timestamp when the URL is invisible metadata. */
  element: Element;
}

/**
 * The post's permalink: the markup's own (microdata `url`, h-entry `u-url`), else the link around
 * its timestamp, else rel=bookmark. Longer than an id may be: no permalink (ids are never cut).
 */
function permalinkOf(root: Element, kind: Kind): Permalink | null {
  const declared = declaredUrl(root, kind);
  const url = declared ? absoluteUrl(propValue(declared), root.ownerDocument) : null;
  if (declared && url !== null)
    return url.length <= SHORT_TEXT_MAX ? { url, element: badgeSpot(root, declared) } : null;
  const link = firstOwn(root, TIME_LINK)?.closest('a') ?? firstOwn(root, BOOKMARK);
  const linked = link ? absoluteUrl(link.getAttribute('href') ?? '', root.ownerDocument) : null;
  return link && linked !== null && linked.length <= SHORT_TEXT_MAX ? { url: linked, element: link } : null;
}

function declaredUrl(root: Element, kind: Kind): Element | undefined {
  if (kind === 'microdata') return ownProps(root, 'url')[0];
  return kind === 'hentry' ? (firstOwn(root, 'a.u-url, .u-url[href]') ?? undefined) : undefined;
}

/** Invisible metadata (`<link itemprop=url>`) is no place for a badge: the timestamp is. */
function badgeSpot(root: Element, declared: Element): Element {
  return declared.tagName === 'META' || declared.tagName === 'LINK' ? (timeOf(root) ?? declared) : declared;
}

function timeOf(root: Element): Element | null {
  return firstOwn(root, 'time[datetime]');
}

/** An absolute http(s) URL, or null (javascript:, mailto:, unparseable, too long). */
function absoluteUrl(href: string, doc: Document): string | null {
  const base = doc.URL;
  if (href.trim() === '' || !URL.canParse(href.trim(), base)) return null;
  const url = new URL(href.trim(), base).href;
  return HTTP_URL.test(url) && url.length <= URL_MAX ? url : null;
}

// ---------------------------------------------------------------------------------------
// Thread context

/** An h-entry's reply context: the post it answers, shown in it as an h-cite [SITES.md §6.3]. */
const REPLY_CONTEXT = '.u-in-reply-to.h-cite, .p-in-reply-to.h-cite';
/** A post nested in one of these inside another post is quoted or embedded there, not a reply. */
const QUOTE_CONTAINER = 'blockquote, q, .h-cite, [itemprop~="sharedContent"]';
/** Posts (markup wrappers that are no post of their own skipped) looked through for the enclosing one. */
const ENCLOSING_MAX = 8;

/**
 * The post this one replies to, where the page shows it: an h-entry's own reply context
 * (`u-in-reply-to h-cite`), else the post it sits in when the markup makes it a comment of that
 * post — microdata `itemprop="comment"` of the enclosing item, an h-entry marked `p-comment` /
 * `u-comment` of the enclosing h-entry or whose `u-in-reply-to` is its permalink, a plain article
 * in a plain article (HTML's own markup for comments) unless in a quote. Else null: a post inside
 * another is not always a reply (quotes, shared posts).
 */
function parentOf(root: Element, kind: Kind, postings: JsonLdPosting[]): QuotedPost | null {
  const cite = kind === 'hentry' ? firstOwn(root, REPLY_CONTEXT) : null;
  const context = cite === null ? null : quotedFrom(cite);
  if (context !== null && (context.url !== null || context.text !== '')) return context;
  const enclosing = enclosingPost(root);
  if (enclosing === null || !isCommentOf(root, kind, enclosing)) return null;
  const parent = extract(enclosing.root, enclosing.kind, postings);
  return parent === null ? null : asQuoted(parent);
}

interface Enclosing {
  root: Element;
  kind: Kind;
}

/** The nearest post around `root`: ancestors only, wrapper articles that are no post skipped. */
function enclosingPost(root: Element): Enclosing | null {
  let el = root.parentElement?.closest(POST_ROOT) ?? null;
  for (let i = 0; el !== null && i < ENCLOSING_MAX; i++) {
    const kind = kindOf(el);
    if (kind !== null) return { root: el, kind };
    el = el.parentElement?.closest(POST_ROOT) ?? null;
  }
  return null;
}

function isCommentOf(root: Element, kind: Kind, parent: Enclosing): boolean {
  switch (kind) {
    case 'microdata':
      // An itemprop belongs to the nearest item around it.
      return (
        root.matches('[itemprop~="comment"]') && root.parentElement?.closest('[itemscope]') === parent.root
      );
    case 'hentry': {
      if (parent.kind !== 'hentry' || root.parentElement?.closest('.h-entry, .h-cite') !== parent.root)
        return false;
      if (root.matches('.p-comment, .u-comment')) return true;
      const url = permalinkOf(parent.root, 'hentry')?.url;
      return url !== undefined && replyUrls(root).includes(url);
    }
    case 'article': {
      const quote = root.parentElement?.closest(QUOTE_CONTAINER) ?? null;
      return parent.kind === 'article' && (quote === null || !parent.root.contains(quote));
    }
  }
}

/** The URLs an h-entry's own `u-in-reply-to` properties name. */
function replyUrls(root: Element): string[] {
  const urls: string[] = [];
  for (const el of root.querySelectorAll('.u-in-reply-to')) {
    if (isNested(el, root)) continue;
    const link = el.matches('[href]') ? el : el.querySelector('.u-url[href]');
    const url = link ? absoluteUrl(link.getAttribute('href') ?? '', root.ownerDocument) : null;
    if (url !== null) urls.push(url);
  }
  return urls;
}

// ---------------------------------------------------------------------------------------
// Fields per kind of markup

interface Fields {
  name: string;
  handle: string;
  time: string | null;
  text: string;
  truncated: boolean;
  links: string[];
  lang: string | null;
  media: PostMedia;
  quoted: QuotedPost | null;
  replyTo: string[];
}

function fieldsOf(root: Element, kind: Kind): Fields {
  if (kind === 'microdata') return microdataFields(root, true);
  return kind === 'hentry' ? hentryFields(root, true) : articleFields(root);
}

/** schema.org microdata [SITES.md §6.2]: itemprops that belong to this item, not to nested ones. */
function microdataFields(root: Element, withQuote: boolean): Fields {
  const author = ownProps(root, 'author')[0] ?? ownProps(root, 'creator')[0] ?? null;
  const textEl = ownProps(root, 'articleBody')[0] ?? ownProps(root, 'text')[0] ?? null;
  const date = ownProps(root, 'datePublished')[0] ?? ownProps(root, 'dateCreated')[0];
  const shared = withQuote
    ? (ownProps(root, 'sharedContent').find((el) => el.hasAttribute('itemscope')) ?? null)
    : null;
  const langProp = ownProps(root, 'inLanguage')[0];
  return {
    ...authorOfItem(author),
    time: isoTime(date ? propValue(date) : null) ?? isoTime(timeOf(root)?.getAttribute('datetime') ?? null),
    ...bodyOf(textEl, root),
    lang: langTag(langProp ? propValue(langProp) : null) ?? langOf(textEl, root),
    media: mediaIn(root, textEl),
    quoted: shared === null ? null : quotedFrom(shared),
    replyTo: [],
  };
}

function authorOfItem(author: Element | null): { name: string; handle: string } {
  if (author === null) return { name: '', handle: '' };
  if (!author.hasAttribute('itemscope')) return { name: clip(readText(author), SHORT_TEXT_MAX), handle: '' };
  const name = ownProps(author, 'name')[0];
  const alias = ownProps(author, 'alternateName')[0] ?? ownProps(author, 'identifier')[0];
  const url = ownProps(author, 'url')[0];
  return {
    name: clip(name ? propValue(name) : readText(author), SHORT_TEXT_MAX),
    handle: handleFrom(alias ? propValue(alias) : null, url ? propValue(url) : null, author.ownerDocument),
  };
}

/** The item's own properties named `name` (an element's itemprop belongs to its nearest ancestor item). */
function ownProps(item: Element, name: string): Element[] {
  return Array.from(item.querySelectorAll(`[itemprop~="${name}"]`)).filter(
    (el) => el.parentElement?.closest('[itemscope]') === item,
  );
}

function propValue(el: Element): string {
  const attr = {
    META: 'content',
    A: 'href',
    LINK: 'href',
    AREA: 'href',
    IMG: 'src',
    TIME: 'datetime',
    DATA: 'value',
  }[el.tagName];
  const value = attr === undefined ? null : el.getAttribute(attr);
  return (value ?? el.getAttribute('content') ?? el.textContent ?? '').trim();
}

/** microformats2 h-entry [SITES.md §6.3]. */
function hentryFields(root: Element, withQuote: boolean): Fields {
  const textEl = firstOwn(root, '.e-content') ?? firstOwn(root, '.p-content') ?? firstOwn(root, '.p-name');
  const published = firstOwn(root, '.dt-published');
  const quote = withQuote ? firstOwn(root, '.h-cite.u-quotation-of, .h-cite.u-repost-of') : null;
  const author = firstOwn(root, '.p-author') ?? (withQuote ? inheritedAuthor(root) : null);
  return {
    ...authorOfCard(author),
    time: isoTime(published ? (published.getAttribute('datetime') ?? propValue(published)) : null),
    ...bodyOf(textEl, root),
    lang: langOf(textEl, root),
    media: mediaIn(root, textEl),
    quoted: quote === null ? null : quotedFrom(quote),
    replyTo: inReplyTo(root),
  };
}

/** `.p-author`: an h-card (p-name, p-nickname, u-url) or plain text. */
function authorOfCard(author: Element | null): { name: string; handle: string } {
  if (author === null) return { name: '', handle: '' };
  const card = author.classList.contains('h-card') ? author : author.querySelector('.h-card');
  if (card === null) return { name: cardName(author), handle: '' };
  const name = card.querySelector('.p-name') ?? card;
  const nickname = card.querySelector('.p-nickname');
  // An h-card that is itself a link has that link as its implied u-url.
  const url = card.querySelector('.u-url[href]') ?? (card.matches('a[href]') ? card : null);
  return {
    name: cardName(name),
    handle: handleFrom(nickname?.textContent ?? null, url?.getAttribute('href') ?? null, card.ownerDocument),
  };
}

/** Avatars: beside the name in an author link, their alt repeats it (gnusocial-qvitter-notice-2827873.html). */
const AVATAR = 'img.u-photo, img.photo, img[class*="avatar"]';

/** A name as shown: without the avatar, source line breaks and indentation collapsed. */
function cardName(el: Element): string {
  const name = readText(el, { replaceElement: (img) => (img.matches(AVATAR) ? '' : undefined) });
  return clip(name.replace(/\s+/g, ' ').trim(), SHORT_TEXT_MAX);
}

/**
 * The author of an h-entry that names none (the microformats authorship rules, without fetching
 * the author's page): its h-feed's author (hentry-waterpigs.html); else, on a page that links its
 * author page (rel=author), the page's representative h-card, the one whose URL is marked rel=me
 * (hentry-adactio-links.html). Not for an entry inside another one (a comment: someone else's),
 * and cards inside entries are their authors', not the page's.
 */
function inheritedAuthor(root: Element): Element | null {
  const container = root.parentElement?.closest(`.h-feed, ${ENTRIES}`) ?? null;
  if (container !== null && !container.matches('.h-feed')) return null;
  for (const author of container?.querySelectorAll('.p-author') ?? []) {
    if (author.closest(ENTRIES) === null) return author;
  }
  const doc = root.ownerDocument;
  if (doc.querySelector('link[rel~="author"], a[rel~="author"]') === null) return null;
  for (const card of doc.querySelectorAll('.h-card')) {
    const own = card.matches('a.u-url[rel~="me"]') || card.querySelector('.u-url[rel~="me"]') !== null;
    if (own && card.closest(ENTRIES) === null) return card;
  }
  return null;
}

/** Marked-up posts and citations of posts. */
const ENTRIES = `${STRUCTURED_ROOT}, .h-cite`;

/** Replies name the post they answer by URL; a fediverse-style URL (`/@user/…`) gives its author. */
function inReplyTo(root: Element): string[] {
  const handles: string[] = [];
  for (const el of root.querySelectorAll('.u-in-reply-to')) {
    const href =
      (el.matches('[href]') ? el : el.querySelector('.u-url[href], a[href]'))?.getAttribute('href') ?? '';
    const url = absoluteUrl(href, root.ownerDocument);
    const match =
      url === null
        ? null
        : /^https?:\/\/([^/?#:]+)\/@([\w.-]{1,64})(?:@([\w.-]{1,253}))?(?:[/?#]|$)/i.exec(url);
    const handle = match ? `${match[2]}@${(match[3] ?? match[1]!).toLowerCase()}` : null;
    if (handle !== null && !handles.includes(handle)) handles.push(clip(handle, SHORT_TEXT_MAX));
  }
  return handles;
}

/** A plain article [SITES.md §6.4]: text from a usual body container, author from rel=author and the like. */
function articleFields(root: Element): Fields {
  const textEl = firstOwn(root, BODY_HINTS);
  const authorEl = firstOwn(root, AUTHOR_HINTS);
  const handleEl = firstOwn(root, HANDLE_HINTS);
  const name =
    authorEl !== null && !authorEl.matches(HANDLE_HINTS) ? clip(readText(authorEl), SHORT_TEXT_MAX) : '';
  return {
    name,
    handle: handleFrom(
      handleEl?.textContent ?? null,
      authorEl?.getAttribute('href') ?? null,
      root.ownerDocument,
    ),
    time: isoTime(timeOf(root)?.getAttribute('datetime') ?? null),
    ...bodyOf(textEl ?? root, root),
    lang: langOf(textEl, root),
    media: mediaIn(root, textEl),
    quoted: null,
    replyTo: [],
  };
}

// ---------------------------------------------------------------------------------------
// Text, links, language, media

interface Body {
  text: string;
  truncated: boolean;
  links: string[];
}

/** Markers for structure while whitespace is collapsed the way HTML renders it (private-use characters). */
const LINE_MARK = '\uE000';
const BREAK_MARK = '\uE001';
const PARAGRAPH_MARK = '\uE002';

/**
 * The post's text [SITES.md §0.6] from server-rendered HTML: whitespace collapsed as a browser
 * renders it, paragraphs a blank line apart, `<br>` as a line break, links as their full URL,
 * emoji images as their alt; nested posts, pictures and (when reading a whole article) its
 * header, footer and controls left out.
 */
function bodyOf(textEl: Element | null, root: Element): Body {
  if (textEl === null) return { text: '', truncated: false, links: [] };
  const links: string[] = [];
  const whole = textEl === root;
  const options = {
    replaceElement(el: Element): string | undefined {
      if (el !== root && kindOf(el) !== null) return ''; // a nested post: a comment or a quote of its own
      if (el.tagName === 'IMG') return el.matches(EMOJI) ? undefined : ''; // pictures are media, not text
      if (el.tagName === 'BR') return BREAK_MARK;
      // Controls are no text: nor is our badge, placed after a permalink that may sit in the text.
      if (el.tagName === 'BUTTON' || (whole && NOT_TEXT.has(el.tagName))) return '';
      if (PARAGRAPH_TAGS.has(el.tagName)) return PARAGRAPH_MARK + readText(el, options) + PARAGRAPH_MARK;
      if (LINE_TAGS.has(el.tagName)) return LINE_MARK + readText(el, options) + LINE_MARK;
      return el.tagName === 'A' ? linkText(el, links) : undefined;
    },
  };
  const full = renderWhitespace(readText(textEl, options));
  const text = clip(full, POST_TEXT_MAX);
  return { text, truncated: text.length < full.length, links };
}

/** Collapses whitespace runs to one space and turns the structure marks into line breaks. */
function renderWhitespace(raw: string): string {
  return raw
    .replace(/[ \t\n\r\f]+/g, ' ')
    .replace(/^[ \uE000-\uE002]+|[ \uE000-\uE002]+$/g, '')
    .replace(/ ?([\uE000-\uE002][ \uE000-\uE002]*)/g, (_run, marks: string) => {
      const breaks = marks.split(BREAK_MARK).length - 1;
      return marks.includes(PARAGRAPH_MARK) || breaks > 1 ? '\n\n' : '\n';
    });
}

/**
 * An outbound link is listed; where its text shows the URL or a piece of it (forums shorten links
 * to their file name) it reads as the full URL, a link on words keeps its words
 * (hentry-adactio-links.html). Mentions, tags and in-site links read as shown.
 */
function linkText(a: Element, links: string[]): string | undefined {
  const href = a.getAttribute('href') ?? '';
  const shown = (a.textContent ?? '').trim();
  if (!HTTP_URL.test(href) || /^[@#＃]/.test(shown) || a.matches('.mention, .hashtag, .u-category'))
    return undefined;
  addLink(links, href);
  const piece = shown.replace(/(?:…|\.\.\.)$/, '');
  return showsUrl(shown) || (piece !== '' && !/\s/.test(piece) && href.includes(piece)) ? href : undefined;
}

/** The language of the text: the nearest lang attribute, but only within the post (not the page's). */
function langOf(textEl: Element | null, root: Element): string | null {
  const holder = (textEl ?? root).closest('[lang]');
  return holder !== null && root.contains(holder) ? langTag(holder.getAttribute('lang')) : null;
}

function langTag(value: string | null): string | null {
  const lang = value?.trim() ?? '';
  return LANG_TAG.test(lang) && lang.length <= 35 && !/^(?:und|zxx|mul)$/i.test(lang) ? lang : null;
}

/** Pictures of the post (not emoji or avatars) and whether it has a video, nested posts left out. */
function mediaIn(root: Element, textEl: Element | null): PostMedia {
  const imageAlts: string[] = [];
  for (const img of root.querySelectorAll('img')) {
    if (imageAlts.length >= IMAGES_MAX) break;
    if (isNested(img, root) || img.matches(NOT_MEDIA) || (textEl === null && img.closest('header') !== null))
      continue;
    imageAlts.push(clip(img.getAttribute('alt') ?? '', ALT_MAX));
  }
  const hasVideo = Array.from(root.querySelectorAll('video, [itemprop~="video"]')).some(
    (v) => !isNested(v, root),
  );
  return { imageAlts, hasVideo };
}

/** A quoted or shared post (microdata sharedContent, h-cite): what it shows, its URL when given. Not its own quote. */
function quotedFrom(el: Element): QuotedPost {
  const microdata = el.hasAttribute('itemscope');
  const fields = microdata ? microdataFields(el, false) : hentryFields(el, false);
  const urlEl = microdata
    ? ownProps(el, 'url')[0]
    : Array.from(el.querySelectorAll('.u-url[href]')).find((a) => a.closest('.h-card') === null);
  const url = urlEl ? absoluteUrl(propValue(urlEl), el.ownerDocument) : null;
  return {
    id: url !== null && url.length <= SHORT_TEXT_MAX ? url : null,
    url,
    author: { name: fields.name, handle: fields.handle },
    time: fields.time,
    text: fields.text,
    lang: fields.lang,
    truncated: fields.truncated,
    media: fields.media,
  };
}

// ---------------------------------------------------------------------------------------
// Authors and time

/**
 * A handle as shown ("@name", "name"); else from the author's profile URL: `user@host` for a
 * fediverse-style `/@user`, the user name for a site's own profile path (`/u/user`…), the host
 * for a personal site's home page (IndieWeb).
 */
function handleFrom(shown: string | null, profileHref: string | null, doc: Document): string {
  const explicit = HANDLE.exec(shown?.trim() ?? '')?.[1];
  if (explicit) return clip(explicit, SHORT_TEXT_MAX);
  const url = profileHref === null ? null : absoluteUrl(profileHref, doc);
  if (url === null) return '';
  const { hostname, pathname } = new URL(url);
  if (pathname === '/' || pathname === '') return clip(hostname, SHORT_TEXT_MAX);
  const fediverse = /^\/@([\w.-]{1,64})\/?$/.exec(pathname)?.[1];
  if (fediverse) return clip(`${fediverse}@${hostname}`, SHORT_TEXT_MAX);
  return clip(PROFILE_PATH.exec(pathname)?.[1] ?? '', SHORT_TEXT_MAX);
}

function isoTime(value: string | null): string | null {
  const text = value?.trim() ?? '';
  if (!ZONED_DATETIME.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

// ---------------------------------------------------------------------------------------
// JSON-LD [SITES.md §6.1]

interface JsonLdPosting {
  urls: string[];
  name: string;
  handle: string;
  time: string | null;
  text: string;
  lang: string | null;
}

/** Every posting object in the page's JSON-LD, also inside @graph and nested (comment, hasPart…). */
function jsonLdPostings(doc: Document): JsonLdPosting[] {
  const found: JsonLdPosting[] = [];
  for (const script of doc.querySelectorAll(JSON_LD)) {
    const source = script.textContent ?? '';
    if (source.length > JSON_LD_MAX) continue;
    collectPostings(parseJson(source), doc, found, 0);
  }
  return found;
}

/**
 * Page data, possibly malformed. Raw line breaks inside strings (bsky.app writes them,
 * thread-forbes.html) are read as if escaped; anything else unparseable is simply absent.
 */
function parseJson(source: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch {
    // Retried below, leniently.
  }
  try {
    return JSON.parse(escapeControlCharacters(source)) as unknown;
  } catch {
    return null;
  }
}

/** JSON string literals (their content cannot hold an unescaped quote). */
const JSON_STRING = /"(?:[^"\\]|\\[\s\S])*"/g;
// JSON forbids raw control characters inside strings: these are what gets escaped.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f]/g;

/** Control characters inside string literals, written as `\uXXXX` escapes; the rest untouched. */
function escapeControlCharacters(source: string): string {
  return source.replace(JSON_STRING, (literal) =>
    literal.replace(CONTROL_CHARACTER, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

function collectPostings(node: unknown, doc: Document, out: JsonLdPosting[], depth: number): void {
  if (depth > 8 || node === null || typeof node !== 'object' || out.length >= 500) return;
  if (Array.isArray(node)) {
    for (const item of node) collectPostings(item, doc, out, depth + 1);
    return;
  }
  const obj = node as Record<string, unknown>;
  if (isPostingType(obj['@type'])) out.push(postingOf(obj, doc));
  for (const value of Object.values(obj)) {
    if (value !== null && typeof value === 'object') collectPostings(value, doc, out, depth + 1);
  }
}

function isPostingType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some(
    (t) =>
      typeof t === 'string' && POSTING_TYPES.includes(t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, '')),
  );
}

function postingOf(obj: Record<string, unknown>, doc: Document): JsonLdPosting {
  const author = first(obj.author) ?? first(obj.creator);
  const authorObj =
    author !== null && typeof author === 'object' ? (author as Record<string, unknown>) : null;
  const urls = [str(obj.url), str(obj['@id'])]
    .map((u) => (u === '' ? null : absoluteUrl(u, doc)))
    .filter((u): u is string => u !== null);
  return {
    urls,
    name: clip(authorObj ? str(authorObj.name) : str(author), SHORT_TEXT_MAX),
    handle: authorObj
      ? handleFrom(
          str(authorObj.alternateName) || str(authorObj.identifier) || null,
          str(authorObj.url) || null,
          doc,
        )
      : '',
    time: isoTime(str(obj.datePublished) || str(obj.dateCreated) || null),
    text: clip((str(obj.articleBody) || str(obj.text)).trim(), POST_TEXT_MAX),
    lang: langTag(str(obj.inLanguage) || null),
  };
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Fills what the DOM lacks from the JSON-LD posting that describes the same post: the one whose
 * url/@id is the permalink, else the one by the same author at the same instant (a page's main
 * posting usually carries the topic's URL, not the first post's).
 */
function withJsonLd(fields: Fields, url: string, postings: JsonLdPosting[]): Fields {
  const match =
    postings.find((p) => p.urls.includes(url)) ??
    postings.find(
      (p) => p.time !== null && p.time === fields.time && p.name !== '' && p.name === fields.name,
    );
  if (match === undefined) return fields;
  return {
    ...fields,
    name: fields.name || match.name,
    handle: fields.handle || match.handle,
    time: fields.time ?? match.time,
    text: fields.text || match.text,
    lang: fields.lang ?? match.lang,
  };
}
