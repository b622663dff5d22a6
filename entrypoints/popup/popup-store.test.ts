import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PostListItem } from '../../utils/messaging/protocol';
import { samplePostListItem } from './sample-post-list-item';
import { createPopupStore, type PopupDeps } from './popup-store';

const post = samplePostListItem;

function fakeDeps(overrides: Partial<PopupDeps> = {}) {
  return {
    getActiveTabId: vi.fn<PopupDeps['getActiveTabId']>(async () => 7),
    sendToTab: vi.fn<PopupDeps['sendToTab']>(async () => ({
      site: 'x',
      posts: [post()],
      digest: null,
      noPosts: null,
    })),
    loadProvider: vi.fn<PopupDeps['loadProvider']>(async () => ({
      preset: 'openai' as const,
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
    })),
    openOptionsPage: vi.fn<PopupDeps['openOptionsPage']>(async () => {}),
    openOptionsAt: vi.fn<PopupDeps['openOptionsAt']>(async () => {}),
    usageToday: vi.fn<PopupDeps['usageToday']>(async () => ({ tokens: 1234, notes: 3, budget: 0 })),
    getTabUrl: vi.fn<PopupDeps['getTabUrl']>(async () => 'chrome://extensions/'),
    requestSitePermission: vi.fn<PopupDeps['requestSitePermission']>(async () => true),
    enableSite: vi.fn<PopupDeps['enableSite']>(async () => {}),
    reloadTab: vi.fn<PopupDeps['reloadTab']>(async () => {}),
    takeFocus: vi.fn<PopupDeps['takeFocus']>(async () => null),
    copyText: vi.fn<PopupDeps['copyText']>(async () => {}),
    ...overrides,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

const timings = { answerTimeoutMs: 50, pollMs: 20, afterOpenMs: 5 };

describe('popup store', () => {
  it('lists the posts of the active tab and the provider state', async () => {
    const deps = fakeDeps({ loadProvider: async () => null });
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().page.kind).toBe('ready'));
    expect(deps.sendToTab).toHaveBeenCalledWith(7, { type: 'posts:list' });
    expect(store.getState().provider).toEqual({ kind: 'missing' });
    expect(store.getState().page).toEqual({
      kind: 'ready',
      site: 'x',
      posts: [post()],
      digest: null,
      noPosts: null,
    });
    expect(store.getState().usage).toEqual({ tokens: 1234, notes: 3, budget: 0 });
    stop();
  });

  it('shows first the post a card asked it to show, once, with every post in view', async () => {
    const deps = fakeDeps({ takeFocus: vi.fn(async () => 'x:2') });
    const store = createPopupStore(deps, timings);
    store.getState().setFilter('flagged');
    await store.getState().refresh();
    expect(deps.takeFocus).toHaveBeenCalledWith(7);
    expect(store.getState()).toMatchObject({ focusKey: 'x:2', filter: 'all' });
    await store.getState().refresh();
    expect(deps.takeFocus).toHaveBeenCalledTimes(1);
  });

  it('says "unsupported" when the tab has no content script', async () => {
    const store = createPopupStore(
      fakeDeps({ sendToTab: () => Promise.reject(new Error('Could not establish connection.')) }),
      timings,
    );
    await store.getState().refresh();
    expect(store.getState().page).toEqual({ kind: 'unsupported', enableOrigin: null });

    const noAnswer = createPopupStore(fakeDeps({ sendToTab: async () => undefined }), timings);
    await noAnswer.getState().refresh();
    expect(noAnswer.getState().page).toEqual({ kind: 'unsupported', enableOrigin: null });

    const noTab = createPopupStore(fakeDeps({ getActiveTabId: async () => null }), timings);
    await noTab.getState().refresh();
    expect(noTab.getState().page).toEqual({ kind: 'unsupported', enableOrigin: null });
  });

  it('fails visibly on an unreadable or late answer', async () => {
    const bad = createPopupStore(fakeDeps({ sendToTab: async () => ({ posts: 'many' }) }), timings);
    await bad.getState().refresh();
    expect(bad.getState().page).toEqual({ kind: 'failed' });

    const late = createPopupStore(fakeDeps({ sendToTab: () => new Promise(() => {}) }), timings);
    await late.getState().refresh();
    expect(late.getState().page).toEqual({ kind: 'failed' });
  });

  it('keeps refreshing while a note is being written, and stops on stop()', async () => {
    let status: PostListItem['status'] = 'streaming';
    const sendToTab = vi.fn(async () => ({
      site: 'x',
      posts: [post({ status })],
      digest: null,
      noPosts: null,
    }));
    const deps = fakeDeps({ sendToTab });
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    await vi.waitFor(() => expect(sendToTab.mock.calls.length).toBeGreaterThanOrEqual(3));
    status = 'done';
    await vi.waitFor(() => {
      const { page } = store.getState();
      expect(page.kind === 'ready' && page.posts[0]?.status).toBe('done');
    });
    const calls = sendToTab.mock.calls.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(sendToTab.mock.calls.length).toBe(calls);
    stop();
  });

  it('opens a post in the page, then refreshes', async () => {
    const deps = fakeDeps();
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().page.kind).toBe('ready'));
    await store.getState().openPost('x:1');
    expect(deps.sendToTab).toHaveBeenCalledWith(7, { type: 'posts:open', key: 'x:1' });
    await vi.waitFor(() => expect(deps.sendToTab).toHaveBeenCalledTimes(3));
    stop();
  });

  it('opens the options page', async () => {
    const deps = fakeDeps();
    await createPopupStore(deps, timings).getState().openOptions();
    expect(deps.openOptionsPage).toHaveBeenCalled();
  });

  it('knows the saved provider', async () => {
    const store = createPopupStore(fakeDeps(), timings);
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().provider.kind).toBe('configured'));
    expect(store.getState().provider).toEqual({
      kind: 'configured',
      preset: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
    });
    stop();
  });

  it('opens the options page where each fix is made', async () => {
    const deps = fakeDeps();
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
      fakeDeps({ openOptionsAt: () => Promise.reject(new Error('no')) }),
      timings,
    );
    await expect(failing.getState().fix('budget')).resolves.toBeUndefined();
  });

  it('filters the list', () => {
    const store = createPopupStore(fakeDeps(), timings);
    expect(store.getState().filter).toBe('all');
    store.getState().setFilter('flagged');
    expect(store.getState().filter).toBe('flagged');
  });

  it('asks the page to summarize the visible posts and polls until the digest is final', async () => {
    let final = false;
    const sendToTab = vi.fn<PopupDeps['sendToTab']>(async (_tab, message) =>
      message.type === 'posts:list'
        ? { site: 'x', posts: [post()], digest: { text: 'All about bridges', final }, noPosts: null }
        : { ok: true },
    );
    const deps = fakeDeps({ sendToTab });
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().page.kind).toBe('ready'));
    await store.getState().summarizeVisible();
    expect(deps.sendToTab).toHaveBeenCalledWith(7, { type: 'command', command: 'summarize-visible' });
    const calls = () => sendToTab.mock.calls.filter(([, m]) => m.type === 'posts:list').length;
    const before = calls();
    await vi.waitFor(() => expect(calls()).toBeGreaterThan(before + 1)); // still polling: not final
    final = true;
    await vi.waitFor(() => {
      const page = store.getState().page;
      expect(page.kind === 'ready' && page.digest).toEqual({ text: 'All about bridges', final: true });
    });
    stop();
  });

  it('offers to enable Footnote on an http(s) page it does not run on, and does it on click', async () => {
    const deps = fakeDeps({
      sendToTab: () => Promise.reject(new Error('Could not establish connection.')),
      getTabUrl: async () => 'https://social.example.org/home',
    });
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    await vi.waitFor(() =>
      expect(store.getState().page).toEqual({
        kind: 'unsupported',
        enableOrigin: 'https://social.example.org',
      }),
    );
    await store.getState().enableSite();
    expect(deps.requestSitePermission).toHaveBeenCalledWith('https://social.example.org/*');
    expect(deps.enableSite).toHaveBeenCalledWith('https://social.example.org');
    expect(deps.reloadTab).toHaveBeenCalledWith(7);
    stop();
  });

  it('says so, and enables nothing, when the permission is refused', async () => {
    const deps = fakeDeps({
      sendToTab: () => Promise.reject(new Error('Could not establish connection.')),
      getTabUrl: async () => 'https://forum.example.net/t/1',
      requestSitePermission: async () => false,
    });
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().page.kind).toBe('unsupported'));
    await store.getState().enableSite();
    expect(store.getState().page).toEqual({
      kind: 'unsupported',
      enableOrigin: 'https://forum.example.net',
      refused: true,
    });
    expect(deps.enableSite).not.toHaveBeenCalled();
    stop();
  });

  it('keeps asking a page with no posts until it has some or says the site may have changed', async () => {
    const diagnostic = {
      version: '0.2.0',
      site: 'x',
      path: '/*/status/*',
      selectors: [{ name: 'post root', selector: 'article', count: 0 }],
    };
    const answers = [
      { site: 'x', posts: [], digest: null, noPosts: null },
      { site: 'x', posts: [], digest: null, noPosts: diagnostic },
    ];
    const deps = fakeDeps({ sendToTab: vi.fn(async () => answers.shift() ?? answers[0]) });
    const store = createPopupStore(deps, timings);
    const stop = store.getState().start();
    await vi.waitFor(() => {
      const page = store.getState().page;
      expect(page.kind === 'ready' && page.noPosts).toEqual(diagnostic);
    });
    await store.getState().copyDiagnostic();
    expect(deps.copyText).toHaveBeenCalledWith(expect.stringContaining('post root (article): 0'));
    expect(deps.copyText).toHaveBeenCalledWith(expect.stringMatching(/^Footnote 0\.2\.0: no posts found/));
    stop();
  });

  it('has no diagnostic to copy on a page with posts', async () => {
    const deps = fakeDeps();
    const store = createPopupStore(deps, timings);
    await store.getState().refresh();
    await expect(store.getState().copyDiagnostic()).rejects.toThrow();
    expect(deps.copyText).not.toHaveBeenCalled();
  });
});
