import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ThreadAction } from '@/components/thread/thread-view';
import { BATCH_MAX } from '@/utils/ai/batch-size';
import { serveTabRequests } from '@/utils/messaging/tab-server';
import { POST_ATTRIBUTE, PostObserver } from '@/utils/posts/post-observer';
import { pickAdapter } from '@/utils/sites/pick-adapter';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import {
  DISABLED_SITES_KEY,
  readSiteList,
  TRIAGE_SITES_KEY,
  watchSiteList,
} from '@/utils/settings/site-switches';
import { childController, nextFrame, subscribeUntil } from './abortable';
import { ensureBadge, removeBadges } from './badges';
import { CardController } from './card-controller';
import { reportFlaggedCount } from './flagged-count';
import { NoteClient } from './note-client';
import { changedPosts, keepNotesOf, noteStatus, noteStore, triageOf } from './note-store';
import { startPopupFeed } from './popup-feed';
import { loadPageUi, type PageThread } from './page-ui';
import { visiblePostRoots } from './post-list';
import { findPostRoot } from './post-root';
import { markReady } from './ready-mark';
import { checkRightClickedPost, trackRightClick } from './right-click';
import { targetPost, trackHoveredPost } from './target-post';
import { startTriageQueue, type TriageQueue } from './triage-queue';
import './badge.css';

/*
 * page DOM ──▶ PostObserver (one MutationObserver, batched per frame) ──▶ badges
 *    hover / click / shortcut ──▶ CardController ──▶ NoteClient ══port══▶ background
 *    background ══port══▶ NoteClient ──▶ noteStore ──▶ card (React, injected on first use)
 *    noteStore, PostObserver ──▶ popup feed ══port══▶ popup (while it is open)
 *    popup, shortcut ──▶ thread digest (UI bundle, loaded on first use) ══port══▶ background
 *    thread digest ──▶ its panel on the page; ──▶ popup feed ══port══▶ popup
 *    triage on: PostObserver ──▶ TriageQueue (in view ≥ 1 s) ══port══▶ verdicts ──▶ noteStore ──▶ badges
 */
/**
 * Footnote on one page: every per-site content script (entrypoints/*.content.ts) calls this
 * with its own adapters, so each site's bundle carries only the adapter it needs. The site's
 * switch in options applies live: turning the site off takes Footnote off the page (badges,
 * marks, card, listeners) without a reload; turning it back on starts it again. So does its
 * triage switch (options or popup), for triage alone.
 */
export async function runFootnote(
  ctx: ContentScriptContext,
  adapters: readonly SiteAdapter[],
): Promise<void> {
  const adapter = pickAdapter(adapters, location, document);
  if (!adapter) return;
  // One port for the page, whichever session uses it. A video's transcript is read by the UI bundle.
  const notes = new NoteClient((videoId, signal) =>
    loadPageUi().then((ui) => ui.readTranscript(videoId, signal)),
  );
  let session: ({ lifetime: AbortController } & FootnoteSession) | null = null;
  const [disabledSites, triageSites] = await Promise.all([
    readSiteList(DISABLED_SITES_KEY),
    readSiteList(TRIAGE_SITES_KEY),
  ]);
  let triageOn = triageSites.includes(adapter.id);
  const apply = (disabled: readonly string[] | null) => {
    const on = !ctx.isInvalid && !(disabled ?? []).includes(adapter.id);
    if (on && session === null) {
      const lifetime = new AbortController();
      session = { lifetime, ...startFootnote(adapter, notes, lifetime.signal) };
      session.triage(triageOn);
    } else if (!on && session !== null) {
      session.lifetime.abort();
      session = null;
    }
  };
  apply(disabledSites);
  ctx.onInvalidated(watchSiteList(DISABLED_SITES_KEY, (disabled) => apply(disabled)));
  ctx.onInvalidated(
    watchSiteList(TRIAGE_SITES_KEY, (sites) => {
      triageOn = sites.includes(adapter.id);
      session?.triage(triageOn);
    }),
  );
  ctx.onInvalidated(() => apply(null) /* isInvalid: stops */);
  // SPA navigation (X, Bluesky, Mastodon… use pushState): the observer already sees the new
  // posts; what goes is the note state of posts no longer on the page, and an open card.
  ctx.addEventListener(window, 'wxt:locationchange', () => session?.navigated());
}

interface FootnoteSession {
  navigated(): void;
  /** Starts or stops triage (the site's triage switch). */
  triage(on: boolean): void;
}

/**
 * One session of Footnote on the page: everything it starts (observer, badges, card, listeners,
 * subscriptions, the popup feed, triage, timers) ends when `signal` aborts, and then the page is
 * as Footnote found it.
 */
function startFootnote(adapter: SiteAdapter, notes: NoteClient, signal: AbortSignal): FootnoteSession {
  const card = new CardController(adapter, notes, signal);
  const hovered = trackHoveredPost(signal);
  const rightClicked = trackRightClick(signal);
  const feed = startPopupFeed(adapter, signal, (site) => loadPageUi().then((ui) => ui.diagnose(site)));
  reportFlaggedCount(signal); // the toolbar button's badge
  let thread: Promise<PageThread> | null = null;
  /** The thread digest lives in the UI bundle: loaded when first asked for, for the session. */
  const threadAct = (action: ThreadAction) => {
    thread ??= loadPageUi().then((ui) => ui.thread(adapter, signal, feed.threadChanged));
    thread.then(
      (digest) => digest.act(action),
      () => (thread = null), // the UI could not load: the next ask tries again
    );
  };
  let triage: { lifetime: AbortController; queue: TriageQueue } | null = null;
  const badge = (root: Element, key: string) =>
    ensureBadge(root, adapter, noteStatus(key), triageOf(key) ?? null);
  new PostObserver({
    adapter,
    onPost: (root, key) => {
      badge(root, key);
      triage?.queue.observe(root, key);
    },
    onBatch: () => feed.postsChanged(),
  }).start(document.body, signal);

  // Badges show their post's note status and triage verdict when they change (not on every
  // streamed chunk), once a frame: a triage batch's verdicts arrive one message each, and every
  // copy of a post on the page (Bluesky keeps hidden tabs mounted) gets the change in one pass.
  let badged = noteStore.getState();
  let badgesDue = false;
  subscribeUntil(signal, noteStore, () => {
    if (badgesDue) return;
    badgesDue = true;
    nextFrame(signal, () => {
      badgesDue = false;
      const state = noteStore.getState();
      const changed = [...changedPosts(state, badged)].filter(
        (key) =>
          state.notes[key]?.status !== badged.notes[key]?.status || state.triage[key] !== badged.triage[key],
      );
      badged = state;
      if (changed.length === 0) return;
      const keys = new Set(changed);
      for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`)) {
        const key = root.getAttribute(POST_ATTRIBUTE)!;
        if (keys.has(key)) badge(root, key);
      }
    });
  });

  serveTabRequests(
    {
      'menu:check-post': () => ({ ok: checkRightClickedPost(card, rightClicked()) }),
      'posts:open': ({ key }) => {
        const root = findPostRoot(key);
        if (root) card.open(root, true);
        return { ok: root !== null };
      },
      'posts:focus': ({ key }) => {
        const found = findPostRoot(key) !== null;
        if (found) loadPageUi().then((ui) => ui.focusPost(key), ignore);
        return { ok: found };
      },
      thread: ({ action }) => {
        threadAct(action);
        return { ok: true };
      },
      command: ({ command }) => {
        if (command === 'summarize-thread') {
          const ok = adapter.threadPage(location);
          if (ok) threadAct('summarize');
          return { ok };
        }
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
    triage(on) {
      if (on && triage === null && !signal.aborted) {
        const lifetime = childController(signal);
        triage = { lifetime, queue: startTriageQueue(adapter, notes, lifetime.signal) };
      } else if (!on && triage !== null) {
        triage.lifetime.abort(); // its verdicts go, and the flags with them
        triage = null;
      }
    },
    navigated() {
      feed.navigated();
      thread?.then((digest) => digest.navigated(), ignore);
      card.close(false);
      keepNotesOf(
        new Set(
          [...document.querySelectorAll(`[${POST_ATTRIBUTE}]`)].map((r) => r.getAttribute(POST_ATTRIBUTE)!),
        ),
      );
    },
  };
}

/** A failed load of the UI bundle leaves the page as it was; the next use tries again. */
function ignore(): void {}
