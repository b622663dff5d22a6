import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';

const POST_SELECTOR = `[${POST_ATTRIBUTE}]`;

/**
 * The post a shortcut acts on: the one under the pointer, else the one holding
 * focus, else the visible one nearest the centre of the viewport.
 */
export function targetPost(hovered: Element | null): Element | null {
  if (hovered?.isConnected && hovered.matches(':hover')) return hovered;
  const focused = document.activeElement?.closest(POST_SELECTOR);
  if (focused) return focused;
  return nearestToViewportCentre(document.querySelectorAll(POST_SELECTOR));
}

function nearestToViewportCentre(roots: Iterable<Element>): Element | null {
  const centre = window.innerHeight / 2;
  let best: Element | null = null;
  let bestDistance = Infinity;
  for (const root of roots) {
    const rect = root.getBoundingClientRect();
    if (rect.bottom <= 0 || rect.top >= window.innerHeight || rect.height === 0) continue; // off-screen or hidden
    const distance = Math.abs((rect.top + rect.bottom) / 2 - centre);
    if (distance < bestDistance) {
      best = root;
      bestDistance = distance;
    }
  }
  return best;
}

/** Keeps track of the post under the pointer, cheaply (one closest() per pointerover). */
export function trackHoveredPost(signal: AbortSignal): () => Element | null {
  let hovered: Element | null = null;
  document.addEventListener(
    'pointerover',
    (event) => {
      hovered = event.target instanceof Element ? event.target.closest(POST_SELECTOR) : null;
    },
    { capture: true, passive: true, signal },
  );
  return () => hovered;
}
