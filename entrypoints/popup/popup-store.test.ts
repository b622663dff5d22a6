import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { tabClient, type TabFeed, type WatchTab } from '../../utils/messaging/extension-client';
import type { PopupPortMessage, PostList } from '../../utils/messaging/popup-protocol';
import { noteError } from '../../utils/core/note-error';
import { sampleThreadView } from '../../components/thread/sample-thread-view';
import { samplePostListItem } from './sample-post-list-item';
import { createPopupStore, type PopupDeps, type PopupState } from './popup-store';

const post = samplePostListItem;
const USAGE = {
  tokens: 1234,
  notes: 3,
  budget: 0,
  triage: { posts: 40, tokens: 6000 },
  imageTokens: 170,
};
const LIST: PostList = {
  site: 'x',
  posts: [post()],
  digest: null,
  noPosts: null,
  triagePause: null,
  threadPage: false,
  thread: null,
};

/**
 * The active tab's content script, driven by the test: `connected()` resolves with the feed of
 * the popup's next subscription, through which the test pushes what the page would.
 */
function fakeTab() {
  const waiting: Array<(feed: TabFeed) => void> = [];
  const feeds: TabFeed[] = [];
  const unwatch = vi.fn();
  const watchTab = vi.fn<WatchTab>((_tabId, feed) => {
    feeds.push(feed);
    waiting.shift()?.(feed);
    return unwatch;
  });
  return {
    watchTab,
    unwatch,
    /** The feed of the subscription after `already` earlier ones. */
    connected(already = 0): Promise<TabFeed> {
      const feed = feeds[already];
      return feed ? Promise.resolve(feed) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

function fakeDeps(overrides: Partial<PopupDeps> = {}) {
  const tab = fakeTab();
  /** What the popup's requests to the page looked like (the raw messages). */
  const tabRequests = vi.fn(async (_tabId: number, _request: unknown): Promise<unknown> => ({ ok: true }));
  const deps = {
    getActiveTabId: vi.fn<PopupDeps['getActiveTabId']>(async () => 7),
    watchTab: tab.watchTab,
    sendToTab: tabClient(tabRequests),
    loadProvider: vi.fn<PopupDeps['loadProvider']>(async () => ({
      preset: 'openai' as const,
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
    })),
    openOptionsPage: vi.fn<PopupDeps['openOptionsPage']>(async () => {}),
    openOptionsAt: vi.fn<PopupDeps['openOptionsAt']>(async () => {}),
    usageToday: vi.fn<PopupDeps['usageToday']>(async () => ({ ...USAGE })),
    loadTriageSites: vi.fn<PopupDeps['loadTriageSites']>(async () => ['bluesky']),
    saveTriageSites: vi.fn<PopupDeps['saveTriageSites']>(async () => {}),
    getTabUrl: vi.fn<PopupDeps['getTabUrl']>(async () => 'chrome://extensions/'),
    requestSitePermission: vi.fn<PopupDeps['requestSitePermission']>(async () => true),
    enableSite: vi.fn<PopupDeps['enableSite']>(async () => {}),
    reloadTab: vi.fn<PopupDeps['reloadTab']>(async () => {}),
    takeFocus: vi.fn<PopupDeps['takeFocus']>(async () => null),
    copyText: vi.fn<PopupDeps['copyText']>(async () => {}),
    ...overrides,
  };
  return { deps, tab, tabRequests };
}

/** Resolves once the store's state passes `check` (at once if it already does). */
function until(store: StoreApi<PopupState>, check: (state: PopupState) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check(store.getState())) return resolve();
    const unsubscribe = store.subscribe((state) => {
      if (!check(state)) return;
      unsubscribe();
      resolve();
    });
  });
}

const timings = { answerTimeoutMs: 50, reconnectMs: 100 };

/** Starts a popup over tab 7 and delivers the page's list to it. */
async function readyPopup(overrides: Partial<PopupDeps> = {}, list: PostList = LIST) {
  const fake = fakeDeps(overrides);
  const store = createPopupStore(fake.deps, timings);
  const stop = store.getState().start();
  const feed = await fake.tab.connected();
  feed.message({ type: 'page', list });
  return { ...fake, store, stop, feed, push: (message: PopupPortMessage) => feed.message(message) };
}

const pageOf = (store: StoreApi<PopupState>) => {
  const page = store.getState().page;
  if (page.kind !== 'ready') throw new Error(`The page is ${page.kind}, not ready`);
  return page;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('popup store', () => {
  it("lists the posts of the active tab's page, the provider state and today's usage", async () => {
    const { store, stop, tab } = await readyPopup({ loadProvider: async () => null });
    expect(tab.watchTab).toHaveBeenCalledWith(7, expect.anything());
    expect(store.getState().page).toEqual({ kind: 'ready', ...LIST });
    await until(store, (s) => s.usage !== null && s.provider.kind !== 'unknown');
    expect(store.getState().provider).toEqual({ kind: 'missing' });
    expect(store.getState().usage).toEqual(USAGE);
    stop();
  });

  it("switches triage on and off for the tab's site, keeping the other sites'", async () => {
    const { store, stop, deps, push } = await readyPopup();
    await until(store, (s) => s.triageSites !== null);
    await store.getState().setTriage(true);
    expect(deps.saveTriageSites).toHaveBeenLastCalledWith(['bluesky', 'x']);
    expect(store.getState().triageSites).toEqual(['bluesky', 'x']);
    await store.getState().setTriage(false);
    expect(store.getState().triageSites).toEqual(['bluesky']);

    vi.mocked(deps.saveTriageSites).mockRejectedValueOnce(new Error('quota'));
    await store.getState().setTriage(true);
    expect(store.getState().triageSites).toEqual(['bluesky']); // what is stored

    const paused = noteError('budget_exhausted', 'Budget used up.');
    push({ type: 'triage-pause', triagePause: paused });
    expect(pageOf(store).triagePause).toEqual(paused);
    stop();
  });

  it('shows first the post a card asked it to show, once, with every post in view', async () => {
    const { deps, tab } = fakeDeps({ takeFocus: vi.fn(async () => 'x:2') });
    const store = createPopupStore(deps, timings);
    store.getState().setFilter('flagged');
    const stop = store.getState().start();
    await tab.connected();
    expect(deps.takeFocus).toHaveBeenCalledWith(7);
    expect(store.getState()).toMatchObject({ focusKey: 'x:2', filter: 'all' });
    stop();
    const again = store.getState().start();
    await tab.connected(1);
    expect(deps.takeFocus).toHaveBeenCalledTimes(1);
    again();
  });

  it('says "unsupported" when the tab has no content script, or there is no tab', async () => {
    const { deps, tab } = fakeDeps();
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    (await tab.connected()).closed(); // the port closes before any message: nobody listens
    await until(store, (s) => s.page.kind !== 'loading');
    expect(store.getState().page).toEqual({ kind: 'unsupported', enableOrigin: null });
    stop();

    const noTab = fakeDeps({ getActiveTabId: async () => null });
    const popup = createPopupStore(noTab.deps, timings);
    const stopNoTab = popup.getState().start();
    await until(popup, (s) => s.page.kind !== 'loading');
    expect(popup.getState().page).toEqual({ kind: 'unsupported', enableOrigin: null });
    expect(noTab.tab.watchTab).not.toHaveBeenCalled();
    stopNoTab();
  });

  it('fails visibly on an unreadable message, and on a page that sends no list in time', async () => {
    const bad = fakeDeps();
    const store = createPopupStore(bad.deps, timings);
    const stop = store.getState().start();
    (await bad.tab.connected()).badMessage();
    expect(store.getState().page).toEqual({ kind: 'failed' });
    stop();

    vi.useFakeTimers();
    const late = fakeDeps();
    const popup = createPopupStore(late.deps, timings);
    const stopLate = popup.getState().start();
    const feed = await late.tab.connected();
    await vi.advanceTimersByTimeAsync(timings.answerTimeoutMs);
    expect(popup.getState().page).toEqual({ kind: 'failed' });
    // A list that comes after all is shown.
    feed.message({ type: 'page', list: LIST });
    expect(popup.getState().page.kind).toBe('ready');
    stopLate();
  });

  it('follows each note-state change the page pushes, without asking it again, until stopped', async () => {
    const { store, stop, push, tab, tabRequests } = await readyPopup(
      {},
      {
        ...LIST,
        posts: [post({ status: 'streaming' }), post({ key: 'x:2' })],
      },
    );
    push({ type: 'post', post: post({ status: 'done', note: null }) });
    expect(pageOf(store).posts.map((p) => [p.key, p.status])).toEqual([
      ['x:1', 'done'],
      ['x:2', 'idle'],
    ]);
    push({ type: 'posts', posts: [post({ key: 'x:3' })] }); // the page scrolled: other posts
    expect(pageOf(store).posts.map((p) => p.key)).toEqual(['x:3']);
    expect(tab.watchTab).toHaveBeenCalledTimes(1);
    expect(tabRequests).not.toHaveBeenCalled();

    stop();
    expect(tab.unwatch).toHaveBeenCalled();
    push({ type: 'posts', posts: [] }); // too late: nobody shows it
    expect(pageOf(store).posts.map((p) => p.key)).toEqual(['x:3']);
  });

  it('opens a post in the page, whose note state then arrives by itself', async () => {
    const { store, stop, push, tab, tabRequests } = await readyPopup();
    await store.getState().openPost('x:1');
    expect(tabRequests).toHaveBeenCalledWith(7, { type: 'posts:open', key: 'x:1' });
    push({ type: 'post', post: post({ status: 'loading' }) });
    expect(pageOf(store).posts[0]?.status).toBe('loading');
    expect(tab.watchTab).toHaveBeenCalledTimes(1);
    stop();
  });

  it("summarizes the page's discussion, whose digest then streams in by itself", async () => {
    const { store, stop, push, tabRequests } = await readyPopup({}, { ...LIST, threadPage: true });
    await store.getState().thread('summarize');
    expect(tabRequests).toHaveBeenLastCalledWith(7, { type: 'thread', action: 'summarize' });
    const running = sampleThreadView({ status: 'running', progress: { done: 2, total: 8, merging: false } });
    push({ type: 'thread', thread: running });
    expect(pageOf(store).thread).toEqual(running);
    await store.getState().thread('cancel');
    expect(tabRequests).toHaveBeenLastCalledWith(7, { type: 'thread', action: 'cancel' });
    stop();
  });

  it("sends a digest's link to the page, and hears whether the comment is still there", async () => {
    const { store, stop, tabRequests } = await readyPopup();
    expect(await store.getState().focusPost('x:1')).toBe(true);
    expect(tabRequests).toHaveBeenLastCalledWith(7, { type: 'posts:focus', key: 'x:1' });
    tabRequests.mockResolvedValueOnce({ ok: false }); // the site removed it
    expect(await store.getState().focusPost('x:2')).toBe(false);
    tabRequests.mockRejectedValueOnce(new Error('No content script'));
    expect(await store.getState().focusPost('x:3')).toBe(false);
    stop();
  });

  it('opens the options page', async () => {
    const { deps } = fakeDeps();
    await createPopupStore(deps, timings).getState().openOptions();
    expect(deps.openOptionsPage).toHaveBeenCalled();
  });

  it('knows the saved provider', async () => {
    const { store, stop } = await readyPopup();
    await until(store, (s) => s.provider.kind !== 'unknown');
    expect(store.getState().provider).toEqual({
      kind: 'configured',
      preset: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
    });
    stop();
  });

  it('opens the options page where each fix is made', async () => {
    const { deps } = fakeDeps();
    const store = createPopupStore(deps, timings);
    await store.getState().fix('onboarding');
    await store.getState().fix('api_key');
    await store.getState().fix('model');
    await store.getState().fix('budget');
    await store.getState().fix('setup_help');
    expect(vi.mocked(deps.openOptionsAt).mock.calls.map(([section]) => section)).toEqual([
      'onboarding',
      'api-key',
      'model',
      'daily-token-budget',
      'setup-help',
    ]);
    // A popup about to close has nothing to show for a failure: it must not throw.
    const failing = createPopupStore(
      fakeDeps({ openOptionsAt: () => Promise.reject(new Error('no')) }).deps,
      timings,
    );
    await expect(failing.getState().fix('budget')).resolves.toBeUndefined();
  });

  it('filters the list', () => {
    const store = createPopupStore(fakeDeps().deps, timings);
    expect(store.getState().filter).toBe('all');
    store.getState().setFilter('flagged');
    expect(store.getState().filter).toBe('flagged');
  });

  it('asks the page to summarize the visible posts and shows the digest as it streams', async () => {
    const { store, stop, push, tabRequests } = await readyPopup();
    await store.getState().summarizeVisible();
    expect(tabRequests).toHaveBeenCalledWith(7, { type: 'command', command: 'summarize-visible' });
    push({ type: 'digest', digest: { text: 'All about', final: false } });
    expect(pageOf(store).digest).toEqual({ text: 'All about', final: false });
    push({ type: 'digest', digest: { text: 'All about bridges', final: true } });
    expect(pageOf(store).digest).toEqual({ text: 'All about bridges', final: true });
    stop();
  });

  it('offers to enable Footnote on an http(s) page it does not run on, does it on click, and then follows the page', async () => {
    vi.useFakeTimers();
    const { deps, tab } = fakeDeps({ getTabUrl: async () => 'https://social.example.org/home' });
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    (await tab.connected()).closed();
    await until(store, (s) => s.page.kind === 'unsupported');
    expect(store.getState().page).toEqual({
      kind: 'unsupported',
      enableOrigin: 'https://social.example.org',
    });
    await store.getState().enableSite();
    expect(deps.requestSitePermission).toHaveBeenCalledWith('https://social.example.org/*');
    expect(deps.enableSite).toHaveBeenCalledWith('https://social.example.org');
    expect(deps.reloadTab).toHaveBeenCalledWith(7);
    // Once the reloaded page had time to start Footnote, the popup subscribes to it.
    await vi.advanceTimersByTimeAsync(timings.reconnectMs);
    (await tab.connected(1)).message({ type: 'page', list: LIST });
    expect(store.getState().page.kind).toBe('ready');
    stop();
  });

  it('says so, and enables nothing, when the permission is refused', async () => {
    const { deps, tab } = fakeDeps({
      getTabUrl: async () => 'https://forum.example.net/t/1',
      requestSitePermission: async () => false,
    });
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    (await tab.connected()).closed();
    await until(store, (s) => s.page.kind === 'unsupported');
    await store.getState().enableSite();
    expect(store.getState().page).toEqual({
      kind: 'unsupported',
      enableOrigin: 'https://forum.example.net',
      refused: true,
    });
    expect(deps.enableSite).not.toHaveBeenCalled();
    stop();
  });

  it('follows the page to the one that replaces it (a reload), and says when none runs Footnote', async () => {
    vi.useFakeTimers();
    const { store, stop, feed, tab } = await readyPopup();
    feed.closed(); // the page went away after its list
    expect(store.getState().page.kind).toBe('ready'); // still shown until the next page answers
    await vi.advanceTimersByTimeAsync(timings.reconnectMs);
    (await tab.connected(1)).closed(); // the new page has no Footnote
    await until(store, (s) => s.page.kind === 'unsupported');
    stop();
  });

  it('says the site may have changed when the page pushes that, with the diagnostic to copy', async () => {
    const diagnostic = {
      version: '0.2.0',
      site: 'x',
      path: '/*/status/*',
      selectors: [{ name: 'post root', selector: 'article', count: 0 }],
    };
    const { store, stop, push, deps } = await readyPopup({}, { ...LIST, posts: [] });
    expect(pageOf(store).noPosts).toBeNull(); // no posts yet: they may still be loading
    push({ type: 'no-posts', noPosts: diagnostic });
    expect(pageOf(store).noPosts).toEqual(diagnostic);
    await store.getState().copyDiagnostic();
    expect(deps.copyText).toHaveBeenCalledWith(expect.stringContaining('post root (article): 0'));
    expect(deps.copyText).toHaveBeenCalledWith(expect.stringMatching(/^Footnote 0\.2\.0: no posts found/));
    stop();
  });

  it('has no diagnostic to copy on a page with posts', async () => {
    const { store, stop, deps } = await readyPopup();
    await expect(store.getState().copyDiagnostic()).rejects.toThrow();
    expect(deps.copyText).not.toHaveBeenCalled();
    stop();
  });
});
