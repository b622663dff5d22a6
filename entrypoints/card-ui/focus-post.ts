import { findPostRoot } from '../content/post-root';

/** Marks the post a digest's link went to; entrypoints/content/badge.css draws it. */
export const HIGHLIGHT_ATTRIBUTE = 'data-footnote-highlight';
/** How long the mark stays: long enough to find the post, short enough not to linger. */
export const HIGHLIGHT_MS = 2_000;

const highlightTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();
/** Posts given a tabindex here (only those a reader went to): taken back when Footnote stops. */
const madeFocusable = new Set<Element>();

/**
 * A digest's link back to a comment: scrolls the post into the middle of the view, moves focus
 * to it (so keyboard and screen reader users land there too) and marks it briefly. False when
 * the post is no longer on the page (the site removed it, or the reader navigated on).
 */
export function focusPost(key: string): boolean {
  const root = findPostRoot(key);
  if (!(root instanceof HTMLElement)) return false;
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  root.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  if (!isFocusable(root)) {
    root.setAttribute('tabindex', '-1');
    madeFocusable.add(root);
  }
  root.focus({ preventScroll: true });
  clearTimeout(highlightTimers.get(root));
  root.setAttribute(HIGHLIGHT_ATTRIBUTE, '');
  highlightTimers.set(
    root,
    setTimeout(() => root.removeAttribute(HIGHLIGHT_ATTRIBUTE), HIGHLIGHT_MS),
  );
  return true;
}

/** Footnote stopped on the page: the posts it made focusable or marked are as it found them. */
export function releaseFocusedPosts(): void {
  for (const root of madeFocusable) root.removeAttribute('tabindex');
  madeFocusable.clear();
  for (const root of document.querySelectorAll(`[${HIGHLIGHT_ATTRIBUTE}]`)) {
    clearTimeout(highlightTimers.get(root));
    root.removeAttribute(HIGHLIGHT_ATTRIBUTE);
  }
}

/** Focusable without help: a tabindex of its own, or an element the browser focuses anyway. */
function isFocusable(element: HTMLElement): boolean {
  return (
    element.hasAttribute('tabindex') ||
    element.matches('a[href], button, input, select, textarea, summary, [contenteditable="true"]')
  );
}
