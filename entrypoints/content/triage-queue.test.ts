// @vitest-environment jsdom
import { articleAdapter } from '@/test-support/article-adapter';
import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATCH_MAX } from '@/utils/ai/batch-size';
import { noteError } from '@/utils/core/note-error';
import type { Post } from '@/utils/core/post';
import type { Triage } from '@/utils/core/triage';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import type { TriageAnswers } from './note-client';
import { noteStore, setNoteState } from './note-store';
import {
  type TriageQueue,
  startTriageQueue,
  TRIAGE_DWELL_MS,
  TRIAGE_FLUSH_MS,
  TRIAGE_REMEMBERED_MAX,
  TRIAGE_RETRY_MS,
} from './triage-queue';

/**
 * The viewport, as the test scrolls it: an IntersectionObserver that reports, like the real one,
 * each observed root's state when it is first observed and whenever it enters or leaves the view.
 * Reports are delivered by `deliver()` (the browser does so in its next rendering step).
 */
const viewport = new Set<Element>();
class FakeIntersectionObserver {
  static last: FakeIntersectionObserver | null = null;
  readonly observed = new Map<Element, boolean>();
  private pending: Element[] = [];
  constructor(private readonly callback: (entries: Array<Partial<IntersectionObserverEntry>>) => void) {
    FakeIntersectionObserver.last = this;
  }
  observe(root: Element) {
    if (this.observed.has(root)) return;
    this.observed.set(root, false);
    this.pending.push(root);
  }
  unobserve(root: Element) {
    this.observed.delete(root);
  }
  disconnect() {
    this.observed.clear();
    this.pending = [];
  }
  deliver() {
    const entries: Array<Partial<IntersectionObserverEntry>> = [];
    const first = new Set(this.pending);
    this.pending = [];
    for (const [root, wasInView] of this.observed) {
      const inView = viewport.has(root) && root.isConnected;
      if (inView === wasInView && !first.has(root)) continue;
      this.observed.set(root, inView);
      entries.push({ target: root, isIntersecting: inView });
    }
    if (entries.length > 0) this.callback(entries);
  }
}
const io = () => FakeIntersectionObserver.last!;

const adapter = articleAdapter;
const root = (id: string) => document.querySelector(`[data-id="${id}"]`)!;
function addPosts(...ids: string[]): void {
  for (const id of ids) {
    const post = document.createElement('article');
    post.dataset.id = id;
    post.setAttribute(POST_ATTRIBUTE, `x:${id}`);
    post.textContent = `Post ${id}`;
    document.body.append(post);
  }
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
/** Scrolls so that exactly these posts are in view. */
function view(...ids: string[]): void {
  viewport.clear();
  for (const id of ids) viewport.add(root(id));
  io().deliver();
}
function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

// Each post's dwell timer listens to the signal; browsers have no cap on that, Node's AbortSignal
// warns past 10 listeners.
setMaxListeners(100);

/** Each triage request the queue made: the posts' ids, and where their answers go. */
const requests: Array<{ ids: string[]; answers: TriageAnswers }> = [];
const notes = {
  requestTriage: vi.fn((posts: readonly Post[], answers: TriageAnswers) => {
    if (posts.length > 0) requests.push({ ids: posts.map((post) => post.id), answers });
  }),
};
const asked = () => requests.map((request) => request.ids);
const verdict = (classification: Triage['classification'] = 'misleading'): Triage => ({
  classification,
  reason: 'The chart starts at 90.',
  worth_note: true,
  injection_detected: false,
});
/** The background answers every post of a request with a verdict. */
function answerAll(request = requests.at(-1)!): void {
  for (const id of request.ids) request.answers.verdict(`x:${id}`, verdict());
}

let lifetime: AbortController;
function start(): TriageQueue {
  const queue = startTriageQueue(adapter, notes, lifetime.signal);
  io().deliver();
  return queue;
}

beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  vi.useFakeTimers();
  lifetime = new AbortController();
  requests.length = 0;
  notes.requestTriage.mockClear();
  viewport.clear();
  setHidden(false);
  noteStore.setState({ notes: {}, digest: null, triage: {}, triagePause: null });
});
afterEach(() => {
  lifetime.abort();
  document.body.replaceChildren();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('triage queue', () => {
  it('asks for posts that stayed in view 1 s, in one batch a few seconds later', () => {
    addPosts(...range(1, 6));
    start();
    view('1', '2', '3');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS / 2);
    view('1', '2'); // 3 scrolled past quickly: not looked at
    vi.advanceTimersByTime(TRIAGE_DWELL_MS / 2);
    view('1', '2', '4');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS);
    expect(notes.requestTriage).not.toHaveBeenCalled(); // waiting for more to fill the batch
    vi.advanceTimersByTime(TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['1', '2', '4']]);
    vi.advanceTimersByTime(TRIAGE_FLUSH_MS * 3);
    expect(asked()).toHaveLength(1);
  });

  it('sends at once when a batch is full', () => {
    addPosts(...range(1, BATCH_MAX + 1));
    start();
    view(...range(1, BATCH_MAX + 1));
    vi.advanceTimersByTime(TRIAGE_DWELL_MS);
    expect(asked()).toEqual([range(1, BATCH_MAX)]);
    vi.advanceTimersByTime(TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([range(1, BATCH_MAX), [String(BATCH_MAX + 1)]]);
  });

  it('never asks a post twice: in flight, triaged, or with a note', () => {
    addPosts('1', '2', '3');
    setNoteState('x:3', { status: 'loading' }); // the reader asked for its note
    start();
    view('1', '2', '3');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['1', '2']]);
    view();
    view('1', '2'); // back in view while in flight
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    answerAll();
    expect(noteStore.getState().triage).toEqual({ 'x:1': verdict(), 'x:2': verdict() });
    view();
    view('1', '2', '3'); // and again once triaged
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toHaveLength(1);
    expect(io().observed.size).toBe(0); // none of them is watched any more
  });

  it('asks a post the answer left out once more, in a later batch, then leaves it un-triaged', () => {
    addPosts('1', '2');
    start();
    view('1', '2');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    const [first] = requests;
    first!.answers.verdict('x:1', verdict());
    first!.answers.skipped('x:2');
    io().deliver(); // still in view: looked at again
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['1', '2'], ['2']]);
    requests[1]!.answers.skipped('x:2');
    io().deliver();
    view();
    view('1', '2');
    vi.advanceTimersByTime((TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS) * 2);
    expect(asked()).toHaveLength(2);
    expect(noteStore.getState().triage['x:2']).toBeUndefined();
  });

  it('skips posts with nothing to check, without asking', () => {
    addPosts('1', '2');
    root('2').textContent = '';
    start();
    view('1', '2');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['1']]);
  });

  it('drops posts that left the page before their batch went', () => {
    addPosts('1', '2');
    start();
    view('1', '2');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS);
    root('2').remove();
    vi.advanceTimersByTime(TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['1']]);
  });

  it('rests after a pause: says why, waits for a longer Retry-After, then asks for the paused posts again', () => {
    addPosts(...range(1, 4));
    start();
    view('1', '2');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    const retryAfterMs = TRIAGE_RETRY_MS * 2;
    const rateLimited = noteError('rate_limited', 'Too many requests.', { retryAfterMs });
    requests[0]!.answers.paused(rateLimited, ['x:1', 'x:2']);
    expect(noteStore.getState().triagePause).toEqual(rateLimited);

    view('1', '2', '3'); // more posts come into view while it rests
    vi.advanceTimersByTime(retryAfterMs - 1);
    expect(asked()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    io().deliver(); // the paused posts are watched again
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([
      ['1', '2'],
      ['3', '1', '2'],
    ]);
    answerAll();
    expect(noteStore.getState().triagePause).toBeNull(); // it works again
  });

  it('rests a minute after a pause that says nothing of when to try again, or asks for less', () => {
    addPosts('1');
    start();
    view('1');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    requests[0]!.answers.paused(noteError('rate_limited', 'Slow down.', { retryAfterMs: 1_000 }), ['x:1']);
    vi.advanceTimersByTime(TRIAGE_RETRY_MS - 1);
    io().deliver();
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toHaveLength(1);
    vi.advanceTimersByTime(TRIAGE_RETRY_MS);
    io().deliver();
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['1'], ['1']]);
    requests[1]!.answers.paused(noteError('budget_exhausted', 'Budget used up.'), ['x:1']);
    vi.advanceTimersByTime(TRIAGE_RETRY_MS + TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    io().deliver();
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toHaveLength(3);
  });

  it('rests while the tab is hidden', () => {
    addPosts('1', '2');
    start();
    view('1');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS / 2);
    setHidden(true);
    vi.advanceTimersByTime(TRIAGE_DWELL_MS * 10);
    expect(asked()).toEqual([]);
    setHidden(false);
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['1']]);
  });

  it('holds a queued batch while hidden and sends it when the tab shows again', () => {
    addPosts('1');
    start();
    view('1');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS);
    setHidden(true);
    vi.advanceTimersByTime(TRIAGE_FLUSH_MS * 10);
    expect(asked()).toEqual([]);
    setHidden(false);
    vi.advanceTimersByTime(TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['1']]);
  });

  it('watches posts that come later, from the post observer', () => {
    const queue = start();
    addPosts('7');
    queue.observe(root('7'), 'x:7');
    view('7');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    expect(asked()).toEqual([['7']]);
  });

  it('stops with its signal: no observer, no timer, no request; its verdicts and pause go', () => {
    addPosts('1', '2');
    start();
    view('1', '2');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS);
    requests[0]!.answers.verdict('x:1', verdict());
    view();
    view('1', '2');
    vi.advanceTimersByTime(TRIAGE_DWELL_MS / 2);
    lifetime.abort();
    expect(io().observed.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(noteStore.getState().triage).toEqual({});
    requests[0]!.answers.verdict('x:2', verdict()); // arrives after the end
    expect(noteStore.getState().triage).toEqual({});
    expect(asked()).toHaveLength(1);
  });

  it('stays bounded on a long feed: what it keeps of posts that left the page goes', () => {
    const queue = start();
    const feed = TRIAGE_REMEMBERED_MAX + 10 * BATCH_MAX;
    for (let first = 1; first <= feed; first += BATCH_MAX) {
      const ids = range(first, first + BATCH_MAX - 1);
      document.body.replaceChildren(); // the previous screen scrolled away (a virtualised feed)
      addPosts(...ids);
      for (const id of ids) queue.observe(root(id), `x:${id}`);
      view(...ids);
      vi.advanceTimersByTime(TRIAGE_DWELL_MS); // a full batch goes at once
      answerAll();
    }
    expect(asked()).toHaveLength(feed / BATCH_MAX);
    expect(Object.keys(noteStore.getState().triage).length).toBeLessThan(TRIAGE_REMEMBERED_MAX);
    expect(io().observed.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
