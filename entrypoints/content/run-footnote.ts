import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BATCH_MAX } from '@/utils/ai/batch-size';
import { serveTabRequests } from '@/utils/messaging/tab-server';
import { POST_ATTRIBUTE, PostObserver } from '@/utils/posts/post-observer';
import { pickAdapter } from '@/utils/sites/pick-adapter';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { readDisabledSites, watchDisabledSites } from '@/utils/settings/site-switches';
import { subscribeUntil } from './abortable';
import { ensureBadge, removeBadges } from './badges';
import { CardController } from './card-controller';
import { NoteClient } from './note-client';
import { keepNotesOf, noteStatus, noteStore } from './note-store';
import { startPopupFeed } from './popup-feed';
import { findPostRoot, visiblePostRoots } from './post-list';
import { markReady } from './ready-mark';
import { targetPost, trackHoveredPost } from './target-post';
import './badge.css';

/*
 * page DOM ──▶ PostObserver (one MutationObserver, batched per frame) ──▶ badges
 *    hover / click / shortcut ──▶ CardController ──▶ NoteClient ══port══▶ background
 *    background ══port══▶ NoteClient ──▶ noteStore ──▶ card (React, injected on first use)
 *    noteStore, PostObserver ──▶ popup feed ══port══▶ popup (while it is open)
 */
/**
 * Footnote on one page: every per-site content script (entrypoints/*.content.ts) calls this
 * with its own adapters, so each site's bundle carries only the adapter it needs. The site's
 * switch in options applies live: turning the site off takes Footnote off the page (badges,
 * marks, card, listeners) without a reload; turning it back on starts it again.
 */
export async function runFootnote(
  ctx: ContentScriptContext,
  adapters: readonly SiteAdapter[],
): Promise<void> {
  const adapter = pickAdapter(adapters, location, document);
  if (!adapter) return;
  const notes = new NoteClient(); // one port for the page, whichever session uses it
  let session: { lifetime: AbortController; navigated(): void } | null = null;
  const apply = (disabled: readonly string[] | null) => {
    const on = !ctx.isInvalid && !(disabled ?? []).includes(adapter.id);
    if (on && session === null) {
      const lifetime = new AbortController();
      session = { lifetime, ...startFootnote(adapter, notes, lifetime.signal) };
    } else if (!on && session !== null) {
      session.lifetime.abort();
      session = null;
    }
  };
  apply(await readDisabledSites());
  ctx.onInvalidated(watchDisabledSites((disabled) => apply(disabled)));
  ctx.onInvalidated(() => apply(null) /* isInvalid: stops */);
  // SPA navigation (X, Bluesky, Mastodon… use pushState): the observer already sees the new
  // posts; what goes is the note state of posts no longer on the page, and an open card.
  ctx.addEventListener(window, 'wxt:locationchange', () => session?.navigated());
}

/**
 * One session of Footnote on the page: everything it starts (observer, badges, card, listeners,
 * subscriptions, the popup feed, timers) ends when `signal` aborts, and then the page is as
 * Footnote found it.
 */
function startFootnote(adapter: SiteAdapter, notes: NoteClient, signal: AbortSignal): { navigated(): void } {
  const card = new CardController(adapter, notes, signal);
  const hovered = trackHoveredPost(signal);
  const feed = startPopupFeed(adapter, signal);
  const badge = (root: Element, key: string) => ensureBadge(root, adapter, noteStatus(key));
  new PostObserver({
    adapter,
    onPost: badge,
    onBatch: () => feed.postsChanged(),
  }).start(document.body, signal);

  // Badges show their post's note status when it changes (not on every streamed chunk).
  subscribeUntil(signal, noteStore, (state, previous) => {
    for (const key of Object.keys(state.notes)) {
      if (state.notes[key]?.status === previous.notes[key]?.status) continue;
      const root = findPostRoot(key);
      if (root) badge(root, key);
    }
  });

  serveTabRequests(
    {
      'posts:open': ({ key }) => {
        const root = findPostRoot(key);
        if (root) card.open(root, true);
        return { ok: root !== null };
      },
      command: ({ command }) => {
        if (command === 'summarize-visible') {
          const posts = visiblePostRoots(BATCH_MAX).flatMap((root) => adapter.extractPost(root) ?? []);
          return { ok: notes.requestBatch(posts) };
        }
        const root = targetPost(hovered());
        if (root) card.open(root, true);
        return { ok: root !== null };
      },
    },
    signal,
  );

  // Last, so it runs after everything above has stopped: the page as Footnote found it.
  signal.addEventListener(
    'abort',
    () => {
      removeBadges();
      for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`))
        root.removeAttribute(POST_ATTRIBUTE);
      keepNotesOf(new Set());
    },
    { once: true },
  );
  markReady(adapter.id, signal);

  return {
    navigated() {
      feed.navigated();
      card.close(false);
      keepNotesOf(
        new Set(
          [...document.querySelectorAll(`[${POST_ATTRIBUTE}]`)].map((r) => r.getAttribute(POST_ATTRIBUTE)!),
        ),
      );
    },
  };
}
