/**
 * Below this viewport width (CSS px: a phone held upright, or a narrow window) the card and the
 * thread panel are bottom sheets: a floating card beside the post would cover the post anyway.
 */
export const SHEET_BELOW_WIDTH = 600;

/** The host attribute card.css lays a sheet out by. */
export const SHEET_ATTRIBUTE = 'data-sheet';

export function isSheetViewport(viewportWidth: number): boolean {
  return viewportWidth < SHEET_BELOW_WIDTH;
}

/**
 * Marks the host as a sheet or not, for the viewport as it is now; true when it is one. The
 * viewport is the one fixed elements are laid out in (innerWidth): a phone widens it past the
 * screen for a page that overflows and lets itself be zoomed out, and a sheet at its bottom
 * would be off screen, while the floating card is placed by its post.
 */
export function layOutForViewport(host: HTMLElement): boolean {
  return host.toggleAttribute(SHEET_ATTRIBUTE, isSheetViewport(window.innerWidth));
}

/**
 * Keeps the host laid out for the viewport on every resize (turning the phone is one); returns
 * the stop.
 */
export function followViewport(host: HTMLElement): () => void {
  const layOut = () => void layOutForViewport(host);
  layOut();
  window.addEventListener('resize', layOut);
  return () => window.removeEventListener('resize', layOut);
}
