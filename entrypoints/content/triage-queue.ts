import { BATCH_MAX } from '@/utils/ai/batch-size';
import { hasSomethingToCheck } from '@/utils/core/checkable';
import type { Post } from '@/utils/core/post';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { later } from './abortable';
import type { NoteClient, TriageAnswers } from './note-client';
import { clearTriage, keepNotesOf, noteStatus, setTriage, setTriagePause, triageOf } from './note-store';
import { findPostRoot } from './post-root';

/** How long a post stays in view before it is worth triaging: the reader looked at it. */
export const TRIAGE_DWELL_MS = 1_000;
/** How long queued posts wait for more to fill their batch. */
export const TRIAGE_FLUSH_MS = 4_000;
/**
 * How long triage rests at least after a pause: the background already retried once (honouring
 * Retry-After), so what paused it is more than a blip; a longer Retry-After is honoured.
 */
export const TRIAGE_RETRY_MS = 60_000;
/** A post the answers left out is asked once more, then left un-triaged. */
const MAX_ASKS = 2;
/** Past this many posts remembered, those no longer on the page are forgotten at the next batch. */
export const TRIAGE_REMEMBERED_MAX = 1_000;

export interface TriageQueue {
  /** A root now shows this post (the post observer found it, or it changed). */
  observe(root: Element, key: string): void;
}

/**
 * Triage on one page while the site's triage switch is on: posts that stay in view for
 * TRIAGE_DWELL_MS are queued, and every TRIAGE_FLUSH_MS (at once when BATCH_MAX are waiting)
 * the queue goes to the background as one triage request. A post is asked once (twice if the
 * first answer left it out), never while it has a note or a note state. Triage rests while the
 * tab is hidden and after the background paused it (TRIAGE_RETRY_MS, or the error's longer
 * Retry-After), and everything stops when `signal` aborts.
 *
 * The only per-post cost is one IntersectionObserver.observe of posts still wanted, made here
 * and not on the scroll path when triage is off; nothing reads layout. What it keeps is bounded:
 * the visible posts, at most BATCH_MAX queued, and the keys of posts asked about (forgotten once
 * they left the page, past TRIAGE_REMEMBERED_MAX).
 */
export function startTriageQueue(
  adapter: SiteAdapter,
  notes: Pick<NoteClient, 'requestTriage'>,
  signal: AbortSignal,
): TriageQueue {
  /** How many times each post was sent (a post with nothing to check counts as done with). */
  const asks = new Map<string, number>();
  const inFlight = new Set<string>();
  const queued = new Map<string, Element>();
  /**
   * Wanted posts at least partly in the viewport now, with when their dwell began. One clock
   * for all of them, not a timer per post: a feed brings posts into view by the hundred.
   */
  const visible = new Map<Element, number>();
  let cancelClock: (() => void) | null = null;
  let cancelFlush: (() => void) | null = null;
  let pausedByBackground = false;

  const running = () => !document.hidden && !pausedByBackground;
  const wanted = (key: string) =>
    !queued.has(key) &&
    !inFlight.has(key) &&
    (asks.get(key) ?? 0) < MAX_ASKS &&
    triageOf(key) === undefined &&
    noteStatus(key) === 'idle';

  /** Queues the posts in view for TRIAGE_DWELL_MS; runs again when the next one will be. */
  const tick = () => {
    cancelClock = null;
    const now = performance.now();
    let next = Infinity;
    for (const [root, since] of visible) {
      if (now - since >= TRIAGE_DWELL_MS) enqueue(root);
      else next = Math.min(next, since + TRIAGE_DWELL_MS - now);
    }
    if (next !== Infinity && running()) cancelClock = later(signal, next, tick);
  };
  const startClock = () => {
    if (running()) cancelClock ??= later(signal, TRIAGE_DWELL_MS, tick);
  };
  const forget = (root: Element) => {
    io.unobserve(root);
    visible.delete(root);
  };

  const io = new IntersectionObserver((entries) => {
    for (const { target: root, isIntersecting } of entries) {
      const key = root.getAttribute(POST_ATTRIBUTE);
      if (key === null || !wanted(key)) forget(root);
      else if (!isIntersecting) visible.delete(root);
      else if (!visible.has(root)) {
        visible.set(root, performance.now());
        startClock();
      }
    }
  });

  const enqueue = (root: Element) => {
    if (!running()) return; // still visible: resume() starts its dwell again
    const key = root.getAttribute(POST_ATTRIBUTE);
    forget(root);
    if (key === null || !wanted(key)) return;
    queued.set(key, root);
    if (queued.size >= BATCH_MAX) flush();
    else flushLater();
  };
  const flushLater = () => (cancelFlush ??= later(signal, TRIAGE_FLUSH_MS, flush));

  const flush = () => {
    cancelFlush?.();
    cancelFlush = null;
    const posts: Post[] = [];
    for (const [key, root] of queued) {
      // A post that left the page (or whose node now shows another post) is dropped.
      if (!root.isConnected || root.getAttribute(POST_ATTRIBUTE) !== key) continue;
      queued.delete(key); // deleted first: wanted() sees it as a post like any other
      if (!wanted(key)) continue;
      const post = adapter.extractPost(root);
      const worthAsking = post !== null && hasSomethingToCheck(post);
      asks.set(key, worthAsking ? (asks.get(key) ?? 0) + 1 : MAX_ASKS);
      if (!worthAsking) continue;
      inFlight.add(key);
      posts.push(post);
    }
    queued.clear();
    forgetPostsThatLeft();
    notes.requestTriage(posts, answers);
  };

  /** A long feed: what is kept of posts no longer on the page goes (their keys, verdicts, notes). */
  const forgetPostsThatLeft = () => {
    for (const root of visible.keys()) if (!root.isConnected) forget(root);
    if (asks.size <= TRIAGE_REMEMBERED_MAX) return;
    const onPage = new Set(
      [...document.querySelectorAll(`[${POST_ATTRIBUTE}]`)].map((root) => root.getAttribute(POST_ATTRIBUTE)!),
    );
    for (const key of asks.keys()) if (!onPage.has(key) && !inFlight.has(key)) asks.delete(key);
    keepNotesOf(onPage);
  };

  /** The post is wanted again (left out of an answer, or its batch paused): watch its root. */
  const lookAgain = (key: string) => {
    const root = findPostRoot(key);
    if (root && wanted(key)) io.observe(root); // a fresh observation reports whether it is in view
  };

  const resume = () => {
    if (!running()) return;
    const now = performance.now();
    for (const root of visible.keys()) visible.set(root, now); // a dwell starts again
    if (visible.size > 0) startClock();
    if (queued.size > 0) flushLater();
  };
  const rest = () => {
    cancelClock?.();
    cancelClock = null;
    cancelFlush?.();
    cancelFlush = null;
  };

  const answers: TriageAnswers = {
    verdict(key, triage) {
      inFlight.delete(key);
      if (signal.aborted) return;
      setTriage(key, triage);
      setTriagePause(null); // it works again
    },
    skipped(key) {
      inFlight.delete(key);
      if (!signal.aborted) lookAgain(key);
    },
    paused(error, keys) {
      for (const key of keys) {
        inFlight.delete(key);
        asks.set(key, (asks.get(key) ?? 1) - 1); // not asked after all
      }
      if (signal.aborted) return;
      setTriagePause(error);
      pausedByBackground = true;
      rest();
      later(signal, Math.max(error.retryAfterMs ?? 0, TRIAGE_RETRY_MS), () => {
        pausedByBackground = false;
        for (const key of keys) lookAgain(key);
        resume();
      });
    },
  };

  document.addEventListener('visibilitychange', () => (document.hidden ? rest() : resume()), { signal });
  signal.addEventListener(
    'abort',
    () => {
      io.disconnect();
      visible.clear(); // the clock ended with the signal
      queued.clear();
      clearTriage(); // verdicts and pause: the badges' flags go with them
    },
    { once: true },
  );

  const observe = (root: Element, key: string) => {
    if (!signal.aborted && wanted(key)) io.observe(root);
  };
  for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`))
    observe(root, root.getAttribute(POST_ATTRIBUTE)!);
  return { observe };
}
