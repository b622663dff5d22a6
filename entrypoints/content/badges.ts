import { i18n } from '#i18n';
import type { BadgeAnchor, SiteAdapter } from '@/utils/sites/site-adapter';
import type { NoteStatus } from '@/utils/core/note-state';
import type { Triage } from '@/utils/core/triage';
import { triageFlag, triageFlagText } from '@/components/triage/triage-flag';

export const BADGE_CLASS = 'footnote-badge';
export const BADGE_SELECTOR = `button.${BADGE_CLASS}`;

/** Each root's badge; a WeakMap so roots that leave the page are collected with their badge. */
const badges = new WeakMap<Element, HTMLButtonElement>();
/** What a badge shows: its note status (`data-state`) and its post's triage verdict. */
interface Shown {
  status: NoteStatus;
  verdict: Triage | null;
}
/** What each badge shows, kept here so checking it costs no DOM call. */
const shown = new WeakMap<HTMLButtonElement, Shown>();
/** What a fresh badge shows (and almost every badge keeps showing): one object for all of them. */
const IDLE: Shown = { status: 'idle', verdict: null };

const MARK = '†'; // the footnote mark
/** The mark of a post triage flagged: another glyph as well as another shape and colour (WCAG 1.4.1). */
const FLAGGED_MARK = '!';

export function isBadge(node: Node): boolean {
  return node instanceof HTMLButtonElement && node.classList.contains(BADGE_CLASS);
}

/** Takes every badge off the page (Footnote switched off for the site). */
export function removeBadges(): void {
  for (const badge of document.querySelectorAll(BADGE_SELECTOR)) badge.remove();
}

/**
 * Puts a badge on the root if it has none in place (React re-renders may remove it), and shows
 * the status and triage verdict of the post the root shows now. Plain DOM, styled by the manifest stylesheet
 * (page CSPs cannot block that), so a thousand posts cost a thousand small buttons, no more.
 * Called for every post the observer reports, at once: on feeds whose every post is new DOM (X
 * keys each timeline cell by its post) those are the posts scrolling in, so deferring off-screen
 * ones (an IntersectionObserver per post) cost more than the insertions it saved. Reads no layout.
 */
export function ensureBadge(
  root: Element,
  adapter: SiteAdapter,
  status: NoteStatus,
  verdict: Triage | null,
): void {
  let badge = badgeOf(root);
  if (!badge) {
    const earlier = badges.get(root);
    badge = earlier ?? createBadge();
    badges.set(root, badge);
    const anchor = adapter.badgeAnchor(root);
    // A fresh clone has no class to drop: the class list is touched only when it changes.
    if (anchor === null || earlier) badge.classList.toggle(FALLBACK_CLASS, anchor === null);
    const { parent, before } = anchor ?? fallbackAnchor(root);
    parent.insertBefore(badge, before);
  }
  const before = shown.get(badge) ?? IDLE;
  if (before.status === status && before.verdict === verdict) return;
  if (before.status !== status) badge.setAttribute('data-state', status);
  if (before.verdict !== verdict) showVerdict(badge, verdict);
  shown.set(badge, { status, verdict });
}

/**
 * A flagged verdict gives the badge another mark, shape and colour (`data-flag`, badge.css) and
 * a name that says why: "Footnote: may be misleading — <the model's reason>". Any other verdict,
 * or none, leaves the badge as it was made.
 */
function showVerdict(badge: HTMLButtonElement, verdict: Triage | null): void {
  const flag = verdict && triageFlag(verdict);
  if (flag) {
    const { reason } = verdict; // one line, written by the background (utils/ai/triage-reader.ts)
    badge.setAttribute('data-flag', flag);
    badge.textContent = FLAGGED_MARK;
    badge.setAttribute(
      'aria-label',
      reason
        ? i18n.t('badge.flagged', [triageFlagText(flag), reason])
        : i18n.t('badge.flaggedNoReason', [triageFlagText(flag)]),
    );
  } else if (badge.hasAttribute('data-flag')) {
    badge.removeAttribute('data-flag');
    badge.textContent = MARK;
    badge.setAttribute('aria-label', i18n.t('badge.label'));
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

/** One badge built once per page; each post's badge is a clone (one native call, no catalogue lookup). */
let template: HTMLButtonElement | null = null;

function createBadge(): HTMLButtonElement {
  if (!template) {
    template = document.createElement('button');
    template.type = 'button';
    template.className = BADGE_CLASS;
    template.setAttribute('aria-label', i18n.t('badge.label'));
    template.setAttribute('aria-haspopup', 'dialog');
    template.textContent = MARK;
    template.setAttribute('data-state', 'idle'); // what almost every badge shows: no write for it
  }
  const badge = template.cloneNode(true) as HTMLButtonElement;
  shown.set(badge, IDLE);
  return badge;
}

/** The badge of the post root, if it has one in place. */
export function badgeOf(root: Element): HTMLButtonElement | null {
  const badge = badges.get(root);
  return badge && root.contains(badge) ? badge : null;
}
