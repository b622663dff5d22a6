// @vitest-environment jsdom
import { articleAdapter } from '@/test-support/article-adapter';
import { FALSE_TRIAGE } from '@/test-support/sample-note';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime, PAGE_SENDER, type FakePort } from '@/test-support/fake-runtime';
import { POPUP_PORT_NAME } from '@/utils/messaging/protocol';
import { popupPortMessageSchema, type PopupPortMessage } from '@/utils/messaging/popup-protocol';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { samplePost } from '@/test-support/sample-post';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { sampleThreadView } from '@/components/thread/sample-thread-view';
import { NO_POSTS_GRACE_MS } from './no-posts';
import { noteError } from '@/utils/core/note-error';
import {
  clearNoteState,
  clearTriage,
  setDigest,
  setNoteState,
  setTriage,
  setTriagePause,
} from './note-store';

vi.mock('wxt/browser', async () => ({
  browser: (await import('@/test-support/fake-runtime')).fakeRuntime.browser,
}));
const { startPopupFeed } = await import('./popup-feed');
const { siteDiagnostic } = await import('@/utils/sites/site-diagnostic');
/** The UI bundle's diagnostic, as the content script gets it: later, in a promise. */
const diagnose = async (site: SiteAdapter) => siteDiagnostic(site, location, document, '1.2.3');

/** Posts are <article data-id="…">text</article>; every extraction is counted. */
const extracted: string[] = [];
const adapter: SiteAdapter = {
  ...articleAdapter,
  extractPost: (root) => {
    const id = root.getAttribute('data-id')!;
    extracted.push(id);
    return samplePost({ id, text: root.textContent ?? '' });
  },
};

/** Puts marked posts on the page, as the post observer leaves them. */
function showPosts(...ids: string[]): void {
  document.body.replaceChildren(
    ...ids.map((id) => {
      const root = document.createElement('article');
      root.dataset.id = id;
      root.setAttribute(POST_ATTRIBUTE, `x:${id}`);
      root.textContent = `Post ${id}`;
      return root;
    }),
  );
}

/** What the popup received, read as the popup reads it. */
const messages = (port: FakePort) => port.sent.map((message) => popupPortMessageSchema.parse(message));
const keys = (message: PopupPortMessage | undefined) =>
  message?.type === 'page'
    ? message.list.posts.map((p) => p.key)
    : message?.type === 'posts'
      ? message.posts.map((p) => p.key)
      : null;

let lifetime: AbortController;
beforeEach(() => {
  fakeRuntime.reset();
  extracted.length = 0;
  lifetime = new AbortController();
});
afterEach(() => {
  lifetime.abort();
  for (const key of ['x:1', 'x:2', 'x:3']) clearNoteState(key);
  setDigest(null);
  clearTriage();
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('popup feed', () => {
  it('sends the whole list when a popup connects, extracting each post once', () => {
    showPosts('1', '2');
    startPopupFeed(adapter, lifetime.signal, diagnose);
    expect(extracted).toEqual([]); // no popup: no work
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    expect(messages(port)).toEqual([
      {
        type: 'page',
        list: {
          site: 'x',
          posts: [
            expect.objectContaining({ key: 'x:1', excerpt: 'Post 1', status: 'idle' }),
            expect.objectContaining({ key: 'x:2' }),
          ],
          digest: null,
          noPosts: null,
          triagePause: null,
          threadPage: true,
          thread: null,
        },
      },
    ]);
    expect(extracted).toEqual(['1', '2']);
  });

  it('pushes the list again only when the posts changed, re-reading only posts it has not read', () => {
    showPosts('1', '2');
    const feed = startPopupFeed(adapter, lifetime.signal, diagnose);
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    feed.postsChanged(); // a batch that changed nothing the popup shows
    expect(messages(port)).toHaveLength(1);
    const second = document.querySelector('[data-id="2"]')!;
    document.body.append(Object.assign(document.createElement('article'), { textContent: 'Post 3' }));
    const third = document.body.lastElementChild!;
    third.setAttribute('data-id', '3');
    third.setAttribute(POST_ATTRIBUTE, 'x:3');
    second.remove();
    feed.postsChanged();
    expect(keys(messages(port).at(-1))).toEqual(['x:1', 'x:3']);
    expect(extracted).toEqual(['1', '2', '3']);
  });

  it('pushes each note-state change the popup shows, re-reading only that post', () => {
    showPosts('1', '2');
    startPopupFeed(adapter, lifetime.signal, diagnose);
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    extracted.length = 0;
    setNoteState('x:2', { status: 'loading' });
    setNoteState('x:2', { status: 'streaming', partial: { summary: 'A' } });
    setNoteState('x:2', { status: 'streaming', partial: { summary: 'A bridge' } }); // nothing new to show
    setDigest({ text: 'All', final: false });
    expect(messages(port).slice(1)).toEqual([
      { type: 'post', post: expect.objectContaining({ key: 'x:2', status: 'loading' }) },
      { type: 'post', post: expect.objectContaining({ key: 'x:2', status: 'streaming' }) },
      { type: 'digest', digest: { text: 'All', final: false } },
    ]);
    expect(extracted).toEqual(['2', '2']);
  });

  it('pushes a triage verdict as a change of its post, and why triage paused', () => {
    showPosts('1', '2');
    startPopupFeed(adapter, lifetime.signal, diagnose);
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    const triage = FALSE_TRIAGE;
    const budget = noteError('budget_exhausted', 'Today’s budget is used up.');
    setTriage('x:1', triage);
    setTriagePause(budget);
    setTriagePause(budget); // the same pause: nothing new
    clearTriage();
    expect(messages(port).slice(1)).toEqual([
      { type: 'post', post: expect.objectContaining({ key: 'x:1', status: 'idle', triage }) },
      { type: 'triage-pause', triagePause: budget },
      { type: 'triage-pause', triagePause: null },
      { type: 'post', post: expect.objectContaining({ key: 'x:1', triage: null }) },
    ]);
  });

  it('tells the popup whether the page is a thread, and pushes the thread digest as it changes', () => {
    showPosts('1', '2');
    const onThisPath = (pathname: string): SiteAdapter => ({
      ...adapter,
      threadPage: (location) => location.pathname === pathname,
    });
    const elsewhere = new AbortController();
    startPopupFeed(onThisPath('/item'), elsewhere.signal, diagnose);
    const feedPort = fakeRuntime.connect(POPUP_PORT_NAME);
    expect(messages(feedPort)[0]).toMatchObject({ type: 'page', list: { threadPage: false, thread: null } });
    elsewhere.abort();

    const feed = startPopupFeed(onThisPath(location.pathname), lifetime.signal, diagnose);
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    expect(messages(port)[0]).toMatchObject({ type: 'page', list: { threadPage: true, thread: null } });
    const running = sampleThreadView({ status: 'running', digest: null, meta: null, cited: {} });
    const done = sampleThreadView();
    feed.threadChanged(running);
    feed.threadChanged(done);
    expect(messages(port).slice(1)).toEqual([
      { type: 'thread', thread: running },
      { type: 'thread', thread: done },
    ]);
    // A popup opened later gets the digest with the list; a navigation away takes it back.
    expect(messages(fakeRuntime.connect(POPUP_PORT_NAME))[0]).toMatchObject({ list: { thread: done } });
    feed.threadChanged(null);
    expect(messages(port).at(-1)).toEqual({ type: 'thread', thread: null });
  });

  it('says "no posts found" once the grace period passed with none, and takes it back when posts come', async () => {
    vi.useFakeTimers();
    const feed = startPopupFeed(adapter, lifetime.signal, diagnose);
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    await vi.advanceTimersByTimeAsync(NO_POSTS_GRACE_MS - 1);
    expect(messages(port)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(messages(port).at(-1)).toEqual({
      type: 'no-posts',
      noPosts: expect.objectContaining({ version: '1.2.3', site: 'x' }),
    });
    // A popup opened later gets it with the list.
    const later = fakeRuntime.connect(POPUP_PORT_NAME);
    expect(messages(later)[0]).toMatchObject({ type: 'page', list: { noPosts: { site: 'x' } } });

    showPosts('1');
    feed.postsChanged();
    expect(messages(port).slice(-2)).toEqual([
      { type: 'no-posts', noPosts: null },
      { type: 'posts', posts: [expect.objectContaining({ key: 'x:1' })] },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times "no posts" afresh after an in-app navigation: one timer at a time', async () => {
    vi.useFakeTimers();
    const feed = startPopupFeed(adapter, lifetime.signal, diagnose);
    await vi.advanceTimersByTimeAsync(NO_POSTS_GRACE_MS / 2);
    feed.navigated();
    expect(vi.getTimerCount()).toBe(1);
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    await vi.advanceTimersByTimeAsync(NO_POSTS_GRACE_MS / 2);
    expect(messages(port)).toHaveLength(1); // the first view's timer is gone
    await vi.advanceTimersByTimeAsync(NO_POSTS_GRACE_MS / 2);
    expect(messages(port).at(-1)?.type).toBe('no-posts');
  });

  it('serves only our extension pages', () => {
    showPosts('1');
    startPopupFeed(adapter, lifetime.signal, diagnose);
    const stranger = fakeRuntime.connect(POPUP_PORT_NAME, PAGE_SENDER);
    expect(stranger.disconnected).toBe(true);
    expect(stranger.sent).toEqual([]);
    const other = fakeRuntime.connect('something-else');
    expect(other.sent).toEqual([]);
  });

  it('stops with its signal: the port closes, nothing listens, no timer is left', () => {
    vi.useFakeTimers();
    showPosts('1');
    startPopupFeed(adapter, lifetime.signal, diagnose);
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    lifetime.abort();
    expect(port.disconnected).toBe(true);
    expect(fakeRuntime.browser.runtime.onConnect.hasListeners()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    setNoteState('x:1', { status: 'loading' });
    expect(port.sent).toHaveLength(1);
  });

  it('stops pushing to a popup that closed, and forgets what it read for it', () => {
    showPosts('1');
    startPopupFeed(adapter, lifetime.signal, diagnose);
    const port = fakeRuntime.connect(POPUP_PORT_NAME);
    port.close();
    setNoteState('x:1', { status: 'loading' });
    expect(port.sent).toHaveLength(1);
    fakeRuntime.connect(POPUP_PORT_NAME);
    expect(extracted).toEqual(['1', '1']);
  });
});
