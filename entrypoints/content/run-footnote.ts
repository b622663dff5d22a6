import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BATCH_MAX } from '@/utils/ai/batch-size';
import { tabRequestSchema, type TabRequest } from '@/utils/messaging/protocol';
import { POST_ATTRIBUTE, PostObserver } from '@/utils/posts/post-observer';
import { pickAdapter } from '@/utils/sites/pick-adapter';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { disabledSitesItem } from '@/utils/settings/site-items';
import { BadgePlacer, removeBadges } from './badges';
import { CardController } from './card-controller';
import { NoteClient } from './note-client';
import { keepNotesOf, noteStatus, noteStore } from './note-store';
import { findPostRoot, listPosts, visiblePostRoots } from './post-list';
import { targetPost, trackHoveredPost } from './target-post';
import './badge.css';

/*
 * page DOM ──▶ PostObserver (one MutationObserver, batched per frame) ──▶ badges
 *    hover / click / shortcut ──▶ CardController ──▶ NoteClient ══port══▶ background
 *    background ══port══▶ NoteClient ──▶ noteStore ──▶ card (React, injected on first use)
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
  let session: Session | null = null;
  const apply = (disabled: readonly string[] | null) => {
    const on = !ctx.isInvalid && !(disabled ?? []).includes(adapter.id);
    if (on && session === null) session = startFootnote(adapter, notes);
    else if (!on && session !== null) {
      session.stop();
      session = null;
    }
  };
  apply(await disabledSitesItem.getValue());
  ctx.onInvalidated(disabledSitesItem.watch((disabled) => apply(disabled)));
  ctx.onInvalidated(() => apply(null) /* isInvalid: stops */);
  // SPA navigation (X, Bluesky, Mastodon… use pushState): the observer already sees the new
  // posts; what goes is the note state of posts no longer on the page, and an open card.
  ctx.addEventListener(window, 'wxt:locationchange', () => session?.navigated());
}

interface Session {
  navigated(): void;
  stop(): void;
}

function startFootnote(adapter: SiteAdapter, notes: NoteClient): Session {
  const lifetime = new AbortController();
  const { signal } = lifetime;
  /** When the page's current view appeared (load or in-app navigation), for "no posts found". */
  let shownSince = performance.now();
  const card = new CardController(adapter, notes);
  card.start(signal);
  const hovered = trackHoveredPost(signal);

  const badges = new BadgePlacer(adapter, (key) => noteStatus(key));
  const observer = new PostObserver({ adapter, onPost: (root, key) => badges.place(root, key) });
  observer.start(document.body);

  // Badges show their post's note status when it changes (not on every streamed chunk).
  const unsubscribe = noteStore.subscribe((state, previous) => {
    for (const key of Object.keys(state.notes)) {
      if (state.notes[key]?.status === previous.notes[key]?.status) continue;
      const root = findPostRoot(key);
      if (root) badges.place(root, key);
    }
  });

  const handle = (request: TabRequest): unknown => {
    switch (request.type) {
      case 'posts:list':
        return listPosts(adapter, shownSince);
      case 'posts:open': {
        const root = findPostRoot(request.key);
        if (root) card.open(root, true);
        return { ok: root !== null };
      }
      case 'command': {
        if (request.command === 'summarize-visible') {
          const posts = visiblePostRoots(BATCH_MAX).flatMap((root) => adapter.extractPost(root) ?? []);
          const asked = notes.requestBatch(posts);
          return { ok: asked, count: posts.length };
        }
        const root = targetPost(hovered());
        if (root) card.open(root, true);
        return { ok: root !== null };
      }
    }
  };
  const onMessage = (raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const parsed = tabRequestSchema.safeParse(raw);
    if (!parsed.success) return false;
    sendResponse(handle(parsed.data));
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);

  return {
    navigated() {
      shownSince = performance.now();
      card.close(false);
      keepNotesOf(
        new Set(
          [...document.querySelectorAll(`[${POST_ATTRIBUTE}]`)].map((r) => r.getAttribute(POST_ATTRIBUTE)!),
        ),
      );
    },
    stop() {
      observer.stop();
      badges.disconnect();
      unsubscribe();
      browser.runtime.onMessage.removeListener(onMessage);
      lifetime.abort(); // closes the card, drops the page listeners
      removeBadges();
      for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`))
        root.removeAttribute(POST_ATTRIBUTE);
      keepNotesOf(new Set());
    },
  };
}
