/**
 * Test hook: while Footnote runs on a page (a session is up: posts present at start are
 * marked, every listener is in place), the root element carries this attribute with the
 * site's id (`<html data-footnote-ready="x">`); it goes when Footnote stops there. End-to-end
 * tests wait for it before they assert that nothing happened, so "no badge" means "Footnote
 * looked and found nothing", not "Footnote had not started yet". Pages can see it, as they see
 * the badges and post marks.
 */
export const READY_ATTRIBUTE = 'data-footnote-ready';

/** Marks the page as running Footnote for `siteId` until the signal aborts. */
export function markReady(siteId: string, signal: AbortSignal): void {
  if (signal.aborted) return;
  const root = document.documentElement;
  root.setAttribute(READY_ATTRIBUTE, siteId);
  signal.addEventListener('abort', () => root.removeAttribute(READY_ATTRIBUTE), { once: true });
}
