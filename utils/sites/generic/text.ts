/**
 * A post's text from server-rendered HTML: whitespace collapsed as a browser renders it,
 * paragraphs a blank line apart, `<br>` as a line break, links as their full URL, emoji images as
 * their alt; nested posts, pictures and (when reading a whole article) its header, footer and
 * controls left out.
 */
import { POST_TEXT_MAX } from '../../core/post';
import { readText } from '../dom-text';
import { addLink, clip, showsUrl } from '../post-fields';
import { EMOJI, HTTP_URL } from './fields';
import { kindOf } from './roots';

export interface Body {
  text: string;
  truncated: boolean;
  links: string[];
}

/** Left out of a whole article read as the text: its frame, not what the author wrote. */
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

/** Markers for structure while whitespace is collapsed the way HTML renders it (private-use characters). */
const LINE_MARK = '\uE000';
const BREAK_MARK = '\uE001';
const PARAGRAPH_MARK = '\uE002';

/** The text of `textEl`, the post's text element in `root` (or `root` itself: the whole article). */
export function bodyOf(textEl: Element | null, root: Element): Body {
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
 * to their file name) it reads as the full URL, a link on words keeps its words. Mentions, tags
 * and in-site links read as shown.
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
