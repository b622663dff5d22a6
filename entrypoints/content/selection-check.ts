import type { SelectionCheck } from '@/utils/background/selection-check';
import { postKey, type Post } from '@/utils/core/post';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { selectionPost } from '@/utils/posts/selection-post';
import { BADGE_SELECTOR } from './badges';
import { CardController } from './card-controller';
import { NoteClient } from './note-client';

/**
 * "Footnote: check the selected text" in this frame (entrypoints/selection-check.ts, injected on
 * the menu's click on any page): the selection becomes a post (utils/posts/selection-post.ts)
 * whose card opens beside it, pinned and focused, with a post's note flow (NoteClient: the cache
 * first, the budget, the model). The post's root is an invisible element over the selection's
 * box, so the card is placed as beside any post; it moves to the next selection checked.
 */
export function startSelectionChecks(): SelectionCheck {
  let shown: { root: HTMLElement; post: Post } | null = null;
  const card = new CardController(
    { extractPost: (root) => (root === shown?.root ? shown.post : null) },
    new NoteClient(),
    // For the page's life: the frame's checks share one card and one note port.
    new AbortController().signal,
  );
  // A card controller keeps its card open for clicks on badges, which are its own; on a page
  // where Footnote runs they are the page's card's, which opens in its place.
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (event.target instanceof Element && event.target.closest(BADGE_SELECTOR)) card.close(false);
    },
    { capture: true, passive: true },
  );
  return (selectionText) => {
    const selection = document.getSelection();
    const range =
      selection && !selection.isCollapsed && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    const onPage = range ? String(selection) : '';
    const selected = onPage.trim() ? { text: onPage, range } : { text: selectionText, range: null };
    const post = selectionPost(document, selected);
    if (!post) return;
    shown?.root.remove();
    shown = { root: rootOver(selectionBox(selected.range), postKey(post)), post };
    card.open(shown.root, true);
  };
}

/** Where the selection is: its text field's box, else the range's, else a point near the top middle. */
function selectionBox(range: Range | null): DOMRect {
  const field = document.activeElement;
  if (
    (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) &&
    field.selectionStart !== field.selectionEnd
  )
    return field.getBoundingClientRect();
  const box = range?.getBoundingClientRect();
  if (box && (box.width > 0 || box.height > 0)) return box;
  return new DOMRect(window.innerWidth / 2, window.innerHeight / 3, 0, 0);
}

/**
 * An invisible element covering `box`, marked as the selection post's root: absolutely placed, so
 * it scrolls with the text, wherever its containing block is (measured once it is attached).
 * Styled via CSSOM, which page CSPs allow.
 */
function rootOver(box: DOMRect, key: string): HTMLElement {
  const root = document.createElement('footnote-selection');
  root.setAttribute(POST_ATTRIBUTE, key);
  root.setAttribute('aria-hidden', 'true');
  const style = root.style;
  style.setProperty('position', 'absolute');
  style.setProperty('left', '0');
  style.setProperty('top', '0');
  style.setProperty('width', `${box.width}px`);
  style.setProperty('height', `${box.height}px`);
  style.setProperty('margin', '0');
  style.setProperty('visibility', 'hidden');
  style.setProperty('pointer-events', 'none');
  (document.body ?? document.documentElement).append(root);
  const origin = root.getBoundingClientRect();
  style.setProperty('left', `${box.left - origin.left}px`);
  style.setProperty('top', `${box.top - origin.top}px`);
  return root;
}
