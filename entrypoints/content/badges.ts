import { i18n } from '#i18n';
import type { BadgeAnchor, SiteAdapter } from '@/utils/sites/site-adapter';
import type { NoteStatus } from '@/utils/core/note-state';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';

export const BADGE_CLASS = 'footnote-badge';
export const BADGE_SELECTOR = `button.${BADGE_CLASS}`;

/** Each root's badge; a WeakMap so roots that leave the page are collected with their badge. */
const badges = new WeakMap<Element, HTMLButtonElement>();
/** The status each badge shows (its `data-state`), kept here so checking it costs no DOM call. */
const shown = new WeakMap<HTMLButtonElement, NoteStatus>();

export function isBadge(node: Node): boolean {
  return node instanceof HTMLButtonElement && node.classList.contains(BADGE_CLASS);
}

/** Takes every badge off the page (Footnote switched off for the site). */
export function removeBadges(): void {
  for (const badge of document.querySelectorAll(BADGE_SELECTOR)) badge.remove();
}

/**
 * Puts a badge on the root if it has none in place (React re-renders may remove it), and shows
 * the status of the post the root shows now. Plain DOM, styled by the manifest stylesheet
 * (page CSPs cannot block that), so a thousand posts cost a thousand small buttons, no more.
 */
export function ensureBadge(
  root: Element,
  adapter: SiteAdapter,
  status: NoteStatus,
  inPlace: HTMLButtonElement | null = badgeOf(root),
): void {
  let badge = inPlace;
  if (!badge) {
    badge = badges.get(root) ?? createBadge();
    badges.set(root, badge);
    const anchor = adapter.badgeAnchor(root);
    badge.classList.toggle(FALLBACK_CLASS, anchor === null);
    const { parent, before } = anchor ?? fallbackAnchor(root);
    parent.insertBefore(badge, before);
  }
  if (shown.get(badge) !== status) {
    badge.dataset.state = status;
    shown.set(badge, status);
  }
}

/** A badge placed by fallbackAnchor: badge.css floats it to the post's top-right corner. */
export const FALLBACK_CLASS = 'footnote-badge-fallback';

/**
 * Where a badge goes when the adapter finds no place for it (markup it does not know yet, such
 * as a redesigned header): last in the post, which badge.css pins to the post's top-right
 * corner, so a detected post is never without a badge. Last, so the site's :first-child rules
 * still see their own first child. A table row cannot hold a button: there, its last cell.
 */
export function fallbackAnchor(root: Element): BadgeAnchor {
  const parent = root instanceof HTMLTableRowElement ? (root.cells[root.cells.length - 1] ?? root) : root;
  return { parent, before: null };
}

function createBadge(): HTMLButtonElement {
  const badge = document.createElement('button');
  badge.type = 'button';
  badge.className = BADGE_CLASS;
  badge.setAttribute('aria-label', i18n.t('badge.label'));
  badge.setAttribute('aria-haspopup', 'dialog');
  badge.textContent = '†'; // the footnote mark
  return badge;
}

/**
 * Badges go on posts as they come near the viewport (visible-first): an IntersectionObserver
 * tells without forcing layout, so a burst of a hundred off-screen posts costs a hundred
 * observe() calls, not a hundred DOM insertions. A root that already has a badge (a
 * re-render, a recycled node) is updated at once.
 */
export class BadgePlacer {
  private readonly observer = new IntersectionObserver((entries) => this.onIntersect(entries), {
    rootMargin: '50% 0px', // half a screen ahead, so badges are there before the post scrolls in
  });

  constructor(
    private readonly adapter: SiteAdapter,
    /** The note status of the post with this key. */
    private readonly statusOf: (key: string) => NoteStatus,
    /** Placing ends when it aborts (the badges in place stay until removeBadges). */
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.observer.disconnect(), { once: true });
  }

  /** The root shows the post with this key (its `data-footnote-post`). */
  place(root: Element, key: string): void {
    const badge = badgeOf(root);
    if (badge) ensureBadge(root, this.adapter, this.statusOf(key), badge);
    else this.observer.observe(root);
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.observer.unobserve(entry.target);
      const key = entry.target.getAttribute(POST_ATTRIBUTE); // the post it shows now
      if (key !== null) ensureBadge(entry.target, this.adapter, this.statusOf(key));
    }
  }
}

/** The badge of the post root, if it has one in place. */
export function badgeOf(root: Element): HTMLButtonElement | null {
  const badge = badges.get(root);
  return badge && root.contains(badge) ? badge : null;
}
