import { clipTextToLength } from '../core/clip-text';
import { POST_TEXT_MAX, SHORT_TEXT_MAX, type Post, type PostMedia, type QuotedPost } from '../core/post';
import { addLink, bareHost, clip, httpUrl, isoTime, languageTag } from '../sites/post-fields';

/** What the reader selected: its text, and the range it covers where the page has one. */
export interface Selected {
  text: string;
  /** Null for a selection the page cannot give as a range (in a text field, say). */
  range: Range | null;
}

const NO_MEDIA: PostMedia = { imageAlts: [], hasVideo: false };
/** The page's context, like a post's parent: its title and description are plenty for the model. */
const PAGE_CONTEXT_MAX = 2_000;

/**
 * The selected text as a post ("Footnote: check the selected text"), on any page: the selection
 * is the post (site `generic`, written by the page's site), and the page it is on is its context,
 * given as the post it "replies to": the page's title and description, or its address when it
 * has neither. Its id comes from the page's address and the text, so the same words on the same
 * page are the same post (and find their cached note). Null when nothing was selected.
 */
export function selectionPost(doc: Document, selected: Selected): Post | null {
  const whole = selected.text.trim();
  if (whole === '') return null;
  const text = clipTextToLength(whole, POST_TEXT_MAX);
  const url = httpUrl(doc.URL) ?? '';
  const author = pageAuthor(doc);
  const time = isoTime(meta(doc, 'article:published_time'));
  const lang = languageTag(langHolder(selected.range, doc)?.getAttribute('lang'));
  return {
    site: 'generic',
    id: `selection-${textHash(`${url.replace(/#.*$/, '')}\n${whole}`)}`,
    url,
    author,
    time,
    text,
    lang,
    truncated: text !== whole,
    links: selected.range ? linksIn(selected.range, doc) : [],
    media: NO_MEDIA,
    quoted: null,
    parent: pageContext(doc, url, author, time),
    replyTo: [],
  };
}

/** The site, as the page names itself (og:site_name, application-name), else its host. */
function pageAuthor(doc: Document): Post['author'] {
  const host = bareHost(doc.location?.hostname ?? '');
  const name = meta(doc, 'og:site_name') || meta(doc, 'application-name') || host;
  return { name: clip(name, SHORT_TEXT_MAX), handle: clip(host, SHORT_TEXT_MAX) };
}

function pageContext(doc: Document, url: string, author: Post['author'], time: string | null): QuotedPost {
  const title = collapse(doc.title) || meta(doc, 'og:title');
  const description = meta(doc, 'description') || meta(doc, 'og:description');
  const about = [title, description].filter((part) => part !== '').join('\n\n') || url;
  return {
    id: null,
    url: url || null,
    author,
    time,
    text: clipTextToLength(about, PAGE_CONTEXT_MAX),
    lang: languageTag(doc.documentElement.getAttribute('lang')),
    truncated: false,
    media: NO_MEDIA,
  };
}

/** A `<meta>` value by name or property, whitespace collapsed; '' when the page has none. */
function meta(doc: Document, key: string): string {
  const el = doc.querySelector(`meta[name="${key}" i], meta[property="${key}" i]`);
  return collapse(el?.getAttribute('content') ?? '');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The element whose lang the selection is in: the nearest one around it, else the page's. */
function langHolder(range: Range | null, doc: Document): Element | null {
  const node = range?.commonAncestorContainer ?? null;
  const el = node instanceof Element ? node : (node?.parentElement ?? null);
  return el?.closest('[lang]') ?? doc.documentElement;
}

/**
 * The http(s) links the selection touches: those inside it and the one it lies within. Read
 * from a copy of the selected nodes, so no page script or layout is involved.
 */
function linksIn(range: Range, doc: Document): string[] {
  const links: string[] = [];
  const around = range.commonAncestorContainer;
  const within = (around instanceof Element ? around : around.parentElement)?.closest('a[href]');
  const anchors = [...(within ? [within] : []), ...range.cloneContents().querySelectorAll('a[href]')];
  for (const a of anchors) {
    const href = a.getAttribute('href') ?? '';
    const url = URL.canParse(href, doc.baseURI) ? httpUrl(new URL(href, doc.baseURI).href) : null;
    if (url) addLink(links, url);
  }
  return links;
}

/** A short, stable hash of a string (cyrb53: 53 bits, fast, not cryptographic), in base 36. */
function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
