/*
 * The readable part of a fetched page, in the background. Parsed with linkedom rather than an
 * offscreen document: one code path for Chrome's service worker (which has no DOM) and Firefox's
 * background page, no `offscreen` permission, and it runs in Node for tests. linkedom only builds
 * a tree: nothing on the page runs or loads.
 */
import { clipCodePoints } from '../core/clip-text';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom/worker';
import { EVIDENCE_EXCERPT_MAX, EVIDENCE_PUBLISHER_MAX, EVIDENCE_TITLE_MAX } from '../core/evidence';

export interface ReadablePage {
  /** At most EVIDENCE_TITLE_MAX code points; '' when the page has none. */
  title: string;
  /** The article (else the body) as plain text, whitespace collapsed, at most EVIDENCE_EXCERPT_MAX. */
  text: string;
  /** og:site_name, else the host without "www."; at most EVIDENCE_PUBLISHER_MAX. */
  publisher: string;
  /** ISO date the page says it was published, else null. */
  publishedAt: string | null;
}

/** Never throws: a page that cannot be read gives empty fields (and the URL's host). */
export function readPage(html: string, url: string): ReadablePage {
  const publisherFallback = hostName(url);
  try {
    const document = parseDocument(html);
    // Metadata first: JSON-LD lives in <script>, and Readability rewrites the tree.
    const title = clipCodePoints(
      metaContent(document, TITLE_META) || textOf(document.querySelector('title')),
      EVIDENCE_TITLE_MAX,
    );
    const heading = clipCodePoints(textOf(document.querySelector('h1')), EVIDENCE_TITLE_MAX);
    const publisher = clipCodePoints(
      metaContent(document, ['og:site_name']) || publisherFallback,
      EVIDENCE_PUBLISHER_MAX,
    );
    const publishedAt = publishedAtOf(document);
    keepOnlyContent(document);
    const fallbackText = textOf(document.body) || textOf(document.documentElement);
    const article = affordable(document.body) ? readArticle(document) : null;
    return {
      title: clipCodePoints(collapse(article?.title ?? ''), EVIDENCE_TITLE_MAX) || title || heading,
      text: article?.content || fallbackText,
      publisher,
      publishedAt,
    };
  } catch {
    return {
      title: '',
      text: '',
      publisher: clipCodePoints(publisherFallback, EVIDENCE_PUBLISHER_MAX),
      publishedAt: null,
    };
  }
}

/** Whitespace and control characters become single spaces. */
export function collapse(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

const TITLE_META = ['og:title', 'twitter:title'];
const PUBLISHED_META = ['article:published_time', 'og:article:published_time', 'datePublished'];

/** Never text a reader sees; scripts and styles must not reach the prompt. */
const NOT_TEXT =
  'script, style, noscript, template, textarea, select, body title, svg, math, iframe, object, embed, canvas, [hidden], [aria-hidden="true"]';
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** Page furniture, never the article (Readability drops it too, at a higher cost). */
const FURNITURE = 'nav, aside, footer, form, button, dialog, [role="navigation"], [role="complementary"]';
/** Where sites mark their article, best first. */
const CONTENT = ['[itemprop="articleBody"]', 'article', 'main', '[role="main"]'];

/**
 * Readability on linkedom is slow on big or deep trees (measured: ~100 ms for 1,300 elements,
 * 4 s for 16,000, 5 s for 400 nested divs) and the background has one thread; past these the
 * body text is good enough.
 */
const READABILITY_MAX_ELEMENTS = 3_000;
const READABILITY_MAX_DEPTH = 80;

/** Elements that do not break a line; any other element separates its text from the next. */
const INLINE = new Set(
  'a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong sub sup time u var wbr'.split(
    ' ',
  ),
);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** linkedom has no HTML tree builder: markup without <html> gets no usable documentElement. */
function parseDocument(html: string): Document {
  const { document } = parseHTML(html);
  if (document.documentElement?.localName === 'html' && document.body) return document;
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;
}

/** Removes what is never text and the page's furniture; keeps only the marked article if any. */
function keepOnlyContent(document: Document): void {
  for (const node of document.querySelectorAll(`${NOT_TEXT}, ${FURNITURE}`)) node.remove();
  for (const node of document.querySelectorAll('[style]')) {
    if (HIDDEN_STYLE.test(node.getAttribute('style') ?? '')) node.remove();
  }
  for (const selector of CONTENT) {
    const found = document.body.querySelectorAll(selector);
    const content = found.length === 1 ? found[0] : undefined;
    if (content && textOf(content)) {
      content.remove();
      document.body.replaceChildren(content);
      return;
    }
  }
}

/** Whether Readability would finish quickly on this tree: few elements, not deeply nested. */
function affordable(root: Element): boolean {
  let elements = 0;
  const stack: Array<{ node: Element; depth: number }> = [{ node: root, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (++elements > READABILITY_MAX_ELEMENTS || next.depth > READABILITY_MAX_DEPTH) return false;
    for (const child of next.node.children) stack.push({ node: child, depth: next.depth + 1 });
  }
  return true;
}

/** The main article as text (through Readability's serializer), or null when it finds none. */
function readArticle(document: Document): { title: string | null | undefined; content: string } | null {
  try {
    const article = new Readability<string>(document, {
      serializer: (node) => textOf(node),
    }).parse();
    return article?.content ? { title: article.title, content: article.content } : null;
  } catch {
    return null;
  }
}

/**
 * The text under `root`, block elements separated by spaces (textContent would glue paragraphs
 * together), collapsed and clipped. Iterative, so absurdly deep markup cannot overflow the stack.
 */
function textOf(root: Node | null): string {
  if (!root) return '';
  const parts: string[] = [];
  let length = 0;
  const stack: Array<Node | null> = [root]; // null marks the end of a block
  while (stack.length > 0 && length < EVIDENCE_EXCERPT_MAX * 2) {
    const node = stack.pop();
    if (!node) {
      parts.push(' ');
    } else if (node.nodeType === TEXT_NODE) {
      const text = (node.nodeValue ?? '').replace(/\s+/g, ' ');
      parts.push(text);
      length += text.length;
    } else if (node.nodeType === ELEMENT_NODE) {
      const block = !INLINE.has(node.nodeName.toLowerCase());
      if (block) {
        parts.push(' ');
        stack.push(null);
      }
      const children = node.childNodes;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push(child);
      }
    }
  }
  return clipCodePoints(collapse(parts.join('')), EVIDENCE_EXCERPT_MAX);
}

function metaContent(document: Document, names: string[]): string {
  for (const name of names) {
    const selector = `meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`;
    const content = collapse(document.querySelector(selector)?.getAttribute('content') ?? '');
    if (content) return content;
  }
  return '';
}

/** The page's own date: meta tags, else JSON-LD, else the first <time datetime>. */
function publishedAtOf(document: Document): string | null {
  const fromMeta = isoDate(metaContent(document, PUBLISHED_META));
  if (fromMeta) return fromMeta;
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const fromJsonLd = isoDate(jsonLdDate(script.textContent ?? ''));
    if (fromJsonLd) return fromJsonLd;
  }
  for (const time of document.querySelectorAll('time[datetime]')) {
    const fromTime = isoDate(time.getAttribute('datetime') ?? '');
    if (fromTime) return fromTime;
  }
  return null;
}

/** The first `datePublished` anywhere in a JSON-LD block (objects, arrays, @graph). */
function jsonLdDate(json: string): string {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return '';
  }
  // Breadth-first and bounded: the article's own date sits near the top, not in a nested review.
  const queue: unknown[] = [data];
  for (let next = 0; next < queue.length && next < 1_000; next++) {
    const value = queue[next];
    if (!value || typeof value !== 'object') continue;
    const date: unknown = Array.isArray(value) ? undefined : (value as Record<string, unknown>).datePublished;
    if (typeof date === 'string') return date;
    for (const child of Object.values(value)) queue.push(child);
  }
  return '';
}

/** Only ISO-looking dates: Date.parse reads "1" as the year 2001. */
function isoDate(value: string): string | null {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return null;
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The URL's host without "www.", '' for an invalid URL. */
export function hostName(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
