import type { CardActions } from '@/components/card/card-contract';
import type { NoteError } from '@/utils/core/note-error';
import type { PlatformContext, Post } from '@/utils/core/post';
import { sendToBackground } from '@/utils/messaging/content-client';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { later, nextFrame, subscribeUntil } from './abortable';
import { BADGE_SELECTOR } from './badges';
import { CardHost } from './card-host';
import { CLOSE_GRACE_MS, HOVER_INTENT_MS } from './card-timing';
import type { NoteClient } from './note-client';
import { noteStatus, noteStore, setSuggestion, triageOf, type NoteStore } from './note-store';

interface OpenCard {
  key: string;
  root: Element;
  badge: Element | null;
  pinned: boolean;
  authorName: string;
  handle: string;
  platformContext?: PlatformContext[];
  hasVideo: boolean;
  /** Shown instead of a note: there is no post to check (see explain). */
  notice?: { status: 'error'; error: NoteError };
}

/**
 * Opens, pins and closes the page's single card: hover intent over a badge opens it (a mouse's
 * or a pen's: a finger has no hover), a click or tap (or Enter/Space on the focused badge) pins
 * it and moves focus in, Esc or a click outside closes it and gives focus back. Events are
 * delegated from the document in the capture phase, so the site's own handlers (X opens the post
 * on click) never see clicks on our badges. Everything it listens to and every timer it sets
 * ends when `signal` aborts, and the card leaves the page.
 */
export class CardController {
  private readonly host = new CardHost();
  private current: OpenCard | null = null;
  private cancelOpen = () => {};
  private cancelClose = () => {};
  private renderQueued = false;
  /** The post whose pinned card takes focus once it paints (its note may be on its way). */
  private focusOnPaint: string | null = null;

  constructor(
    private readonly adapter: Pick<SiteAdapter, 'extractPost'>,
    private readonly notes: NoteClient,
    private readonly signal: AbortSignal,
  ) {
    const on = <K extends keyof DocumentEventMap>(type: K, fn: (e: DocumentEventMap[K]) => void) =>
      document.addEventListener(type, fn, { capture: true, signal });
    on('pointerover', (e) => this.onPointerOver(e));
    on('focusin', (e) => this.onFocusIn(e));
    on('pointerout', (e) => this.onPointerOut(e));
    on('click', (e) => this.onClick(e));
    on('pointerdown', (e) => this.onPointerDown(e));
    on('keydown', (e) => this.onKeyDown(e));
    subscribeUntil(signal, noteStore, (state, previous) => this.onNotesChanged(state, previous));
    signal.addEventListener(
      'abort',
      () => {
        this.close(false);
        this.host.remove();
      },
      { once: true },
    );
  }

  /**
   * Opens the card for a post root and requests its note if it has none yet. A note the page
   * holds paints now, in this task; a requested one when it arrives (NoteClient.request).
   */
  open(root: Element, pinned: boolean): void {
    const key = root.getAttribute(POST_ATTRIBUTE);
    const post = key ? this.adapter.extractPost(root) : null;
    if (!key || !post || this.signal.aborted) return;
    this.cancelClose();
    const wasPinned = this.current?.key === key && this.current.pinned;
    this.current = {
      key,
      root,
      badge: root.querySelector(BADGE_SELECTOR),
      pinned: pinned || wasPinned,
      authorName: post.author.name,
      handle: post.author.handle,
      platformContext: post.platformContext,
      hasVideo: post.media.hasVideo || (post.quoted?.media.hasVideo ?? false),
    };
    this.focusOnPaint = this.current.pinned ? key : null;
    if (!noteStore.getState().notes[key]) this.notes.request(post);
    this.render();
  }

  /**
   * Opens the card beside `anchor` with `error` alone, pinned: what the reader asked for has no
   * post to check (the context menu's "check this post" where no post was right-clicked).
   */
  explain(anchor: Element, error: NoteError): void {
    if (this.signal.aborted) return;
    this.close(false);
    this.current = {
      key: EXPLAINED_KEY,
      root: anchor,
      badge: null,
      pinned: true,
      authorName: '',
      handle: location.hostname,
      hasVideo: false,
      notice: { status: 'error', error },
    };
    this.focusOnPaint = EXPLAINED_KEY;
    this.render();
  }

  /** Closes the card; focus goes back to the badge when it was inside the card. */
  close(restoreFocus = true): void {
    this.cancelOpen();
    this.cancelClose();
    const closing = this.current;
    if (!closing) return;
    const hadFocus = this.host.contains(document.activeElement);
    this.current = null;
    // Closed before any text arrived (idle: the cache has not answered yet): the user moved on,
    // so the model call is not worth paying for. Once text streams, it finishes (and is cached)
    // for the next look.
    const status = noteStatus(closing.key);
    if (status === 'loading' || status === 'idle') this.notes.cancel(closing.key);
    // A suggestion that failed is done with once read; one still running goes on.
    if (noteStore.getState().suggestions[closing.key]?.error) setSuggestion(closing.key);
    this.render();
    if (restoreFocus && hadFocus && closing.badge instanceof HTMLElement && closing.badge.isConnected) {
      closing.badge.focus();
    }
  }

  private readonly actions: CardActions = {
    close: () => this.close(),
    retry: () => this.requestCurrent(false),
    regenerate: () => this.requestCurrent(true),
    openOptions: () => void sendToBackground({ type: 'options:open' }).catch(ignore),
    copy: (text) => navigator.clipboard.writeText(text),
    openInPopup: () => {
      if (this.current) void sendToBackground({ type: 'popup:open', key: this.current.key }).catch(ignore);
    },
    suggestSource: (url) => {
      const post = this.currentPost();
      if (post) this.notes.suggest(post, url);
    },
  };

  private requestCurrent(refresh: boolean): void {
    const post = this.currentPost();
    if (post) this.notes.request(post, refresh);
  }

  /** The open card's post as the page shows it now; null once it left the page. */
  private currentPost(): Post | null {
    const current = this.current;
    return current && current.root.isConnected ? this.adapter.extractPost(current.root) : null;
  }

  /**
   * Streamed chunks are rendered once per frame; anything else (a finished note, an error, the
   * loading state, a triage verdict) at once, so it paints in the next frame.
   */
  private onNotesChanged(state: NoteStore, previous: NoteStore): void {
    const key = this.current?.key;
    if (
      !key ||
      (state.notes[key] === previous.notes[key] &&
        state.triage[key] === previous.triage[key] &&
        state.suggestions[key] === previous.suggestions[key])
    )
      return;
    if (state.notes[key]?.status === 'streaming') this.queueRender();
    else this.render();
  }

  private queueRender(): void {
    if (this.renderQueued || !this.current) return;
    this.renderQueued = true;
    nextFrame(this.signal, () => {
      this.renderQueued = false;
      this.render();
    });
  }

  private render(): void {
    const current = this.current;
    const state = current ? (current.notice ?? noteStore.getState().notes[current.key]) : undefined;
    const model =
      current && state
        ? {
            postKey: current.key,
            authorName: current.authorName,
            handle: current.handle,
            state,
            triage: triageOf(current.key),
            suggestion: noteStore.getState().suggestions[current.key],
            platformContext: current.platformContext,
            hasVideo: current.hasVideo,
            pinned: current.pinned,
          }
        : null;
    if (!model && !this.host.isOpen) return;
    void this.host.render(model, this.actions, current?.badge ?? current?.root ?? null).then(() => {
      if (!model || model.postKey !== this.focusOnPaint || this.current?.key !== model.postKey) return;
      this.focusOnPaint = null;
      this.host.focus();
    });
  }

  private badgeRoot(target: EventTarget | null): { badge: Element; root: Element } | null {
    const badge = target instanceof Element ? target.closest(BADGE_SELECTOR) : null;
    const root = badge?.closest(`[${POST_ATTRIBUTE}]`);
    return badge && root ? { badge, root } : null;
  }

  private onPointerOver(event: PointerEvent): void {
    if (this.host.contains(event.target)) {
      this.cancelClose();
      return;
    }
    // A finger has no hover: its tap's click opens the card at once, and a finger resting on a
    // badge as a scroll starts is no intent to read. The tap's focus peeks (once).
    if (event.pointerType === 'touch') return;
    const hit = this.badgeRoot(event.target);
    if (!hit) return;
    this.cancelOpen();
    this.cancelClose();
    this.cancelOpen = later(this.signal, HOVER_INTENT_MS, () => this.open(hit.root, false));
    this.peek(hit.root);
  }

  private onFocusIn(event: FocusEvent): void {
    const hit = this.badgeRoot(event.target);
    if (hit) this.peek(hit.root);
  }

  /**
   * The pointer or focus came to a badge: a note the background's cache holds is fetched now,
   * so that hover intent or a click finds it on the page and paints it at once.
   */
  private peek(root: Element): void {
    const key = root.getAttribute(POST_ATTRIBUTE);
    if (!key || noteStatus(key) !== 'idle') return; // held or asked for already: nothing to extract
    const post = this.adapter.extractPost(root);
    if (post) this.notes.peek(post, () => root.isConnected && root.getAttribute(POST_ATTRIBUTE) === key);
  }

  private onPointerOut(event: PointerEvent): void {
    if (event.pointerType === 'touch') return; // a finger lifted: it did not move away
    const leavingBadge = this.badgeRoot(event.target) !== null;
    if (!leavingBadge && !this.host.contains(event.target)) return;
    if (this.badgeRoot(event.relatedTarget) || this.host.contains(event.relatedTarget)) return;
    this.cancelOpen();
    if (this.current && !this.current.pinned) {
      this.cancelClose();
      this.cancelClose = later(this.signal, CLOSE_GRACE_MS, () => this.close(false));
    }
  }

  private onClick(event: MouseEvent): void {
    const hit = this.badgeRoot(event.target);
    if (!hit) return;
    // The post's own click handler would navigate away; the badge is ours.
    event.preventDefault();
    event.stopPropagation();
    this.cancelOpen();
    if (this.current?.key === hit.root.getAttribute(POST_ATTRIBUTE) && this.current.pinned) this.close();
    else this.open(hit.root, true);
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.current || this.host.contains(event.target) || this.badgeRoot(event.target)) return;
    this.close(false);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.current) {
      event.stopPropagation();
      this.close();
      return;
    }
    // Keys pressed on a badge are not the site's shortcuts (X: j/k/l/Enter); the button's own
    // activation is a default action and still happens.
    if (this.badgeRoot(event.target)) event.stopPropagation();
  }
}

/** The card of explain(): no site is called "footnote", so no post's note state is under this key. */
const EXPLAINED_KEY = 'footnote:no-post';

/** The card has nothing to show for a failed side action (the options page, the popup). */
function ignore(): void {}
