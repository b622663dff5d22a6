/**
 * What bsky.app shows on a post from its moderation system (docs/SITES.md "Platform context";
 * utils/sites/bluesky/README.md): the content warning that hides a labelled post until the reader
 * chooses to see it [BSKY ContentHider.tsx], and the label pills above the text [BSKY PostAlerts.tsx,
 * Pills.tsx]. Both are ALF Buttons: `div[role="button"]` named by `aria-label`.
 */
import type { PlatformContext } from '../../core/post';
import { readText } from '../dom-text';
import { platformContext } from '../platform-context';

/** PostContent's ContentHider in feeds and replies; the thread's anchor post has no testID on it. */
const CONTENT_HIDER = '[data-testid="contentHider-post"]';
const BUTTON = '[role="button"]';
/** A Text block inside a button (RNW renders `<Text>` as `div[dir="auto"]`). */
const TEXT_BLOCK = '[dir="auto"]';

/**
 * The post's content warning and labels, outside its quote card. `text` is the post's text element,
 * whose row above holds the pills (the anchor post's ContentHider has no testID to start from).
 */
export function moderationContexts(
  root: Element,
  card: Element | null,
  text: Element | null,
): Array<PlatformContext | null> {
  const hider = ownHider(root, card);
  const first = hider?.firstElementChild ?? null;
  if (first?.matches(BUTTON)) return [contentWarning(first)];
  const rows = new Set([first, text?.previousElementSibling, text?.parentElement?.previousElementSibling]);
  for (const row of rows) {
    if (row && isPillRow(row) && !card?.contains(row)) return pills(row);
  }
  return [];
}

function ownHider(root: Element, card: Element | null): Element | null {
  for (const hider of root.querySelectorAll(CONTENT_HIDER)) {
    if (!card?.contains(hider)) return hider;
  }
  return null;
}

/**
 * An active ContentHider starts with its button: the label's name, then "Show". Below it, for a
 * label, a second button says who applied it ("Labeled by the author." / "Labeled by {labeler}.")
 * before its "Learn more." link text, a nested Text (span) of its own.
 */
function contentWarning(button: Element): PlatformContext | null {
  const name = blockText(button) || (button.getAttribute('aria-label') ?? '');
  const source = button.nextElementSibling;
  const labeledBy = source?.matches(BUTTON) ? ownText(source.querySelector(TEXT_BLOCK)) : '';
  return platformContext('content_warning', labeledBy ? `${name}. ${labeledBy}` : name);
}

/** PostAlerts: a row whose every child is a pill button, each named by its label. */
function isPillRow(row: Element): boolean {
  return row.childElementCount > 0 && Array.from(row.children).every((child) => child.matches(BUTTON));
}

function pills(row: Element): Array<PlatformContext | null> {
  return Array.from(row.children, (pill) =>
    platformContext('label', pill.getAttribute('aria-label') || blockText(pill)),
  );
}

/** The first Text block of a button: its label, without the "Show"/"Hide" block after it. */
function blockText(button: Element): string {
  const block = button.querySelector(TEXT_BLOCK);
  return block === null ? '' : readText(block);
}

/** A Text's own words, without nested Texts (spans) such as "Learn more." */
function ownText(block: Element | null): string {
  if (block === null) return '';
  return Array.from(block.childNodes, (node) => (node.nodeType === 3 ? (node.nodeValue ?? '') : '')).join('');
}
