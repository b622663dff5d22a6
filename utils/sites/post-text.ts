/**
 * A post body as a Post holds it (docs/SITES.md "Post text"): text with line breaks, links as
 * their full target when the page shows the URL itself, and the list of those targets. Built on
 * readText.
 *
 * Two kinds of markup: React/Polymer apps that write literal "\n" in `white-space: pre-wrap`
 * spans (Threads, YouTube) are read as they are; server-rendered markup (Reddit, HN, LinkedIn,
 * Facebook) is read as a browser lays out `white-space: normal`: source whitespace collapses,
 * `<p>`-like blocks are paragraphs (a blank line), `<div>`/`<li>` blocks lines, `<br>` a line
 * break, `<pre>` kept verbatim.
 */
import { POST_TEXT_MAX, type Post } from '../core/post';
import { readText } from './dom-text';
import { addLink, clip, showsUrl } from './post-fields';

export interface PostText {
  text: string;
  links: string[];
  /** The text was longer than a Post may hold and was cut. */
  clipped: boolean;
}

export interface PostTextOptions {
  /** The markup uses `white-space: normal` (server-rendered HTML) rather than pre-wrap. */
  flow: boolean;
  /** The full URL an anchor leads to outside the site, or null (mention, hashtag, in-site link). */
  linkTarget(a: Element): string | null;
  /** Elements that are not part of the text (screen-reader copies, "See more" buttons). */
  skip?(el: Element): boolean;
}

const NO_TEXT: PostText = { text: '', links: [], clipped: false };

/**
 * The Post fields of a text body for adapters that read the whole text from the DOM (a "more"
 * button there only unclamps CSS), so a post is truncated only where we clipped it. No
 * language, media, quote or thread context: the adapter adds those it has.
 */
export function textPostFields(
  body: PostText,
): Pick<Post, 'text' | 'lang' | 'truncated' | 'links' | 'media' | 'quoted' | 'parent'> {
  return {
    text: body.text,
    lang: null,
    truncated: body.clipped,
    links: body.links,
    media: { imageAlts: [], hasVideo: false },
    quoted: null,
    parent: null,
  };
}

/** The text of a post body element; empty for null (a post without text). */
export function readPostText(body: Element | null, options: PostTextOptions): PostText {
  if (body === null) return { ...NO_TEXT, links: [] };
  const links: string[] = [];
  const replaceElement = (el: Element): string | undefined => {
    if (options.skip?.(el)) return '';
    if (el.tagName !== 'A') return undefined;
    const target = options.linkTarget(el);
    if (target === null) return undefined; // mention, hashtag, in-site link: text as shown
    addLink(links, target);
    return showsUrl(el.textContent ?? '') ? target : undefined;
  };
  const full = options.flow ? readFlowText(body, { replaceElement }) : readText(body, { replaceElement });
  const text = clip(full, POST_TEXT_MAX);
  return { text, links, clipped: text.length < full.length };
}

// ---------------------------------------------------------------------------------------
// white-space: normal

/** Markers placed in the raw text, resolved by normalise(). Private-use characters. */
const PARAGRAPH = '\uE000';
const LINE = '\uE001';
const BREAK = '\uE002';
const KEPT_SPACE = '\uE003';

const PARAGRAPH_TAGS = new Set([
  'P',
  'UL',
  'OL',
  'DL',
  'BLOCKQUOTE',
  'TABLE',
  'FIGURE',
  'HR',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
]);
const LINE_TAGS = new Set([
  'DIV',
  'LI',
  'TR',
  'DT',
  'DD',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'FIGCAPTION',
]);
/** Blocks nested deeper than this are read as inline, so absurd markup cannot exhaust the stack. */
const MAX_BLOCK_DEPTH = 64;

interface FlowOptions {
  replaceElement?: (el: Element) => string | undefined;
}

/** The text of `root` laid out with `white-space: normal`. */
export function readFlowText(root: Element, options: FlowOptions = {}): string {
  return normalise(rawFlow(root, options, 0));
}

function rawFlow(root: Element, options: FlowOptions, depth: number): string {
  return readText(root, { replaceElement: (el) => flowElement(el, options, depth) });
}

function flowElement(el: Element, options: FlowOptions, depth: number): string | undefined {
  const replaced = options.replaceElement?.(el);
  if (replaced !== undefined) return replaced;
  const tag = el.tagName;
  if (tag === 'BR') return BREAK;
  if (tag === 'PRE') {
    // Verbatim, indentation included (readText would trim the first line's).
    const verbatim = (el.textContent ?? '').replace(/^\n+|\s+$/g, '');
    const code = verbatim.replace(/\r?\n/g, BREAK).replace(/[ \t]/g, KEPT_SPACE);
    return PARAGRAPH + code + PARAGRAPH;
  }
  const mark = PARAGRAPH_TAGS.has(tag) ? PARAGRAPH : LINE_TAGS.has(tag) ? LINE : null;
  if (mark === null || depth >= MAX_BLOCK_DEPTH) return undefined;
  return mark + rawFlow(el, options, depth + 1) + mark;
}

/** Collapses source whitespace, then turns each run of markers into the line breaks it stands for. */
function normalise(raw: string): string {
  return raw
    .replace(/[ \t\n\r\f]+/g, ' ')
    .replace(/ *[\uE000-\uE002][\uE000-\uE002 ]*/g, breaksFor)
    .replace(/\uE003/g, ' ')
    .trim();
}

function breaksFor(run: string): string {
  if (run.includes(PARAGRAPH)) return '\n\n';
  const breaks = run.split(BREAK).length - 1;
  return '\n'.repeat(Math.max(breaks, 1));
}
