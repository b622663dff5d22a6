/**
 * Where a Community Note ("Readers added context") sits in an X post and which of its parts are the
 * note itself (docs/SITES.md "Platform context"; utils/sites/x/README.md). Structure only: the adapter
 * reads the body's text as it reads a post's, links included.
 */
import { firstOutside } from '../post-fields';

/** The note's box under the post's text [X's web app: testID `birdwatch-pivot`, role="link"]. */
export const COMMUNITY_NOTE = '[data-testid="birdwatch-pivot"]';
/** The footer's controls ("Rate it"): a link that is no anchor, or a button; the body's source links are anchors. */
const CONTROL = '[role="link"]:not(a), [role="button"], button';
/** How many single-child wrappers around the parts are looked through. */
const WRAPPERS_MAX = 4;

/**
 * The post's own note, not one inside its quote card. The box holds the header (the localised
 * "Readers added context…" phrase, always its first block), the body (text and t.co source links)
 * and a footer ("Do you find this helpful?" and "Rate it"); only the body is the note. Blocks are
 * told apart by position and controls, never by their (translated) words. The box links to the
 * note's page only through a click handler (no href), so the context has no URL of its own.
 */
export function communityNoteBody(root: Element, card: Element | null): Element[] {
  const box = firstOutside(root, COMMUNITY_NOTE, card);
  if (box === null) return [];
  let blocks: Element = box;
  // A wrapper around the three parts is not the header.
  for (let depth = 0; depth < WRAPPERS_MAX && blocks.childElementCount === 1; depth++) {
    blocks = blocks.firstElementChild!;
  }
  return Array.from(blocks.children)
    .slice(1)
    .filter((block) => !block.matches(CONTROL) && block.querySelector(CONTROL) === null);
}
