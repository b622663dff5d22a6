/**
 * Reading a post's visible text out of site markup (docs/SITES.md "Post text"), shared by the
 * adapters. Works on any DOM and never throws; no innerHTML, only node walking.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Never part of the text a reader sees. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'SVG']);

export interface ReadTextOptions {
  /**
   * Text to emit instead of an element and its subtree (e.g. a link's full URL);
   * undefined = walk into the element as usual.
   */
  replaceElement?: (el: Element) => string | undefined;
  /** Tag names (upper case) that are blocks: a line break separates them from their neighbours. */
  blockTags?: ReadonlySet<string>;
  /** Other elements that are blocks (where the tag does not tell, e.g. a rich-text editor's blocks). */
  isBlock?: (el: Element) => boolean;
}

type Step = { node: Node } | { blockEnd: true };

/**
 * The text of `root`: text nodes as they are (literal "\n" kept), `<img alt>` as its alt
 * (emoji), `<br>` as "\n", a line break around block elements, outer whitespace trimmed.
 * Iterative, so absurdly deep markup cannot overflow the stack.
 */
export function readText(root: Element, options: ReadTextOptions = {}): string {
  const out: string[] = [];
  const stack: Step[] = [];
  pushChildren(stack, root);
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('blockEnd' in step) {
      breakLine(out);
      continue;
    }
    const node = step.node;
    if (node.nodeType === TEXT_NODE) {
      out.push(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue; // comments, processing instructions
    const el = node as Element;
    const replacement = options.replaceElement?.(el);
    if (replacement !== undefined) {
      out.push(replacement);
      continue;
    }
    const tag = el.tagName;
    if (SKIPPED_TAGS.has(tag)) continue;
    if (tag === 'BR') {
      out.push('\n');
      continue;
    }
    if (tag === 'IMG') {
      out.push(el.getAttribute('alt') ?? '');
      continue;
    }
    if (options.blockTags?.has(tag) || options.isBlock?.(el) === true) {
      breakLine(out);
      stack.push({ blockEnd: true });
    }
    pushChildren(stack, el);
  }
  return out.join('').trim();
}

/** Children pushed last-first, so that popping visits them in document order. */
function pushChildren(stack: Step[], el: Element): void {
  for (let child = el.lastChild; child !== null; child = child.previousSibling) {
    stack.push({ node: child });
  }
}

/** Start a new line unless nothing was written yet or the text is already at a line start. */
function breakLine(out: string[]): void {
  for (let i = out.length - 1; i >= 0; i--) {
    const piece = out[i]!;
    if (piece === '') continue;
    if (!piece.endsWith('\n')) out.push('\n');
    return;
  }
}
