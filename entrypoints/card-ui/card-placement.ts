import { HOST_GAP as GAP } from '../content/shadow-host';
import { layOutForViewport } from './sheet-layout';

/**
 * Places the card beside the post when there is room, else below or above it, so the card does
 * not cover the post's text; only when nothing fits does it cover the post, at the viewport's
 * right edge where left-aligned text is thinnest. On a narrow viewport it is a bottom sheet
 * instead, which card.css lays out.
 */
export function placeCard(host: HTMLElement, anchor: Element): void {
  if (layOutForViewport(host)) return;
  const post = (anchor.closest('[data-footnote-post]') ?? anchor).getBoundingClientRect();
  const badge = anchor.getBoundingClientRect();
  const width = host.offsetWidth; // its CSS width, capped by its max-width to the viewport's
  const height = host.offsetHeight;
  const fitsX = (left: number) => left >= GAP && left + width <= window.innerWidth - GAP;
  const fitsY = (top: number) => top >= GAP && top + height <= window.innerHeight - GAP;
  const candidates = [
    { left: post.right + GAP, top: badge.top, fits: fitsX(post.right + GAP) },
    { left: post.left - GAP - width, top: badge.top, fits: fitsX(post.left - GAP - width) },
    { left: badge.left, top: post.bottom + GAP, fits: fitsY(post.bottom + GAP) },
    { left: badge.left, top: post.top - GAP - height, fits: fitsY(post.top - GAP - height) },
  ];
  const chosen = candidates.find((c) => c.fits) ?? {
    left: window.innerWidth - width - GAP,
    top: badge.bottom + GAP,
  };
  const left = clamp(chosen.left, GAP, window.innerWidth - width - GAP);
  const top = clamp(chosen.top, GAP, window.innerHeight - height - GAP);
  host.style.setProperty('left', `${Math.round(left)}px`);
  host.style.setProperty('top', `${Math.round(top)}px`);
}

/**
 * placeCard, and again beside the same post whenever the card's size changes after it painted
 * (a form opened in it, "why this verdict?" expanded): grown at its bottom, it would run off the
 * viewport. Moving it changes no size, so this never loops. Again when the viewport is resized
 * (a phone turned), which may make it a sheet or a card again.
 */
export function keepCardPlaced(): (host: HTMLElement, anchor: Element) => void {
  let anchor: Element | null = null;
  let observer: ResizeObserver | null = null;
  return (host, next) => {
    anchor = next;
    if (!observer) {
      const placeAgain = () => {
        if (anchor?.isConnected) placeCard(host, anchor);
      };
      observer = new ResizeObserver(placeAgain);
      observer.observe(host);
      window.addEventListener('resize', placeAgain);
    }
    placeCard(host, next);
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}
