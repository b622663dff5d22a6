// @vitest-environment jsdom
import { articleAdapter } from '@/test-support/article-adapter';
import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CONTENT_SCRIPT_SENDER, fakeRuntime, PAGE_SENDER, POPUP_SENDER } from '@/test-support/fake-runtime';
import { CARD_UI_GLOBAL } from '@/components/card/card-contract';
import { NOTHING_VIEW } from '@/components/thread/thread-view';
import { POPUP_PORT_NAME } from '@/utils/messaging/protocol';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { BADGE_SELECTOR } from './badges';
import { HOVER_INTENT_MS } from './card-timing';
import { READY_ATTRIBUTE } from './ready-mark';

vi.mock('wxt/browser', async () => ({
  browser: (await import('@/test-support/fake-runtime')).fakeRuntime.browser,
}));
vi.mock('#i18n', () => ({ i18n: { t: () => 'Footnote: show context for this post' } }));
/** The site switches (options, popup), as the content script reads and watches them: one list per key. */
const sites = vi.hoisted(() => {
  const lists: Record<string, string[]> = { disabledSites: [], triageSites: [] };
  const watchers = new Set<{ key: string; callback: (value: string[]) => void }>();
  const set = (key: string, value: string[]) => {
    lists[key] = value;
    for (const watcher of watchers) if (watcher.key === key) watcher.callback(value);
  };
  return {
    switches: {
      DISABLED_SITES_KEY: 'disabledSites',
      TRIAGE_SITES_KEY: 'triageSites',
      readSiteList: async (key: string) => lists[key] ?? [],
      watchSiteList(key: string, callback: (value: string[]) => void) {
        const watcher = { key, callback };
        watchers.add(watcher);
        return () => void watchers.delete(watcher);
      },
    },
    /** Sites switched off in options. */
    set: (value: string[]) => set('disabledSites', value),
    /** Sites whose posts are triaged as the reader scrolls. */
    setTriage: (value: string[]) => set('triageSites', value),
  };
});
vi.mock('@/utils/settings/site-switches', () => sites.switches);
const { runFootnote } = await import('./run-footnote');

const adapter = articleAdapter;

// Everything a session starts listens to its one signal; browsers have no cap on that, Node's
// AbortSignal warns past 10 listeners.
setMaxListeners(50);

const ready = () => document.documentElement.getAttribute(READY_ATTRIBUTE);
const marked = () => document.querySelectorAll(`[${POST_ATTRIBUTE}]`).length;
const badges = () => document.querySelectorAll(BADGE_SELECTOR).length;

let ctx: ContentScriptContext;
beforeEach(() => {
  fakeRuntime.reset();
  sites.set([]);
  sites.setTriage([]);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  document.body.innerHTML = '<article data-id="1">One</article><article data-id="2">Two</article>';
  ctx = new ContentScriptContext('test');
});
afterEach(() => {
  ctx.abort();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a Footnote session on a page', () => {
  it('marks the page running once the posts present at start are marked and badged', async () => {
    expect(ready()).toBeNull();
    await runFootnote(ctx, [adapter]);
    expect(ready()).toBe('x');
    expect(marked()).toBe(2);
    expect(badges()).toBe(2);
    expect(fakeRuntime.browser.runtime.onMessage.hasListeners()).toBe(true);
    expect(fakeRuntime.browser.runtime.onConnect.hasListeners()).toBe(true);
  });

  it("answers the extension's requests, validated, and nobody else's", async () => {
    await runFootnote(ctx, [adapter]);
    const open = { type: 'posts:open', key: 'x:9' }; // not on the page
    expect(await fakeRuntime.send(open, POPUP_SENDER)).toEqual({ ok: false });
    // Nothing in view (no layout here): nothing to summarize.
    const visible = { type: 'command', command: 'summarize-visible' };
    expect(await fakeRuntime.send(visible, { id: POPUP_SENDER.id })).toEqual({ ok: false });
    expect(await fakeRuntime.send(open, PAGE_SENDER)).toBeUndefined();
    expect(await fakeRuntime.send(open, CONTENT_SCRIPT_SENDER)).toBeUndefined();
    expect(await fakeRuntime.send({ type: 'command', command: 'rm -rf' }, POPUP_SENDER)).toBeUndefined();
  });

  it('hands the thread digest and its links back to the UI bundle, loaded on first use', async () => {
    const panel = { act: vi.fn(), navigated: vi.fn() };
    const ui = { thread: vi.fn((..._args: unknown[]) => panel), focusPost: vi.fn(() => true) };
    vi.stubGlobal(CARD_UI_GLOBAL, ui);
    fakeRuntime.browser.runtime.sendMessage.mockResolvedValue({ ok: true }); // card-ui:load
    await runFootnote(ctx, [adapter]);
    const popup = fakeRuntime.connect(POPUP_PORT_NAME);
    expect(popup.sent[0]).toMatchObject({ type: 'page', list: { threadPage: true, thread: null } });

    expect(await fakeRuntime.send({ type: 'thread', action: 'summarize' }, POPUP_SENDER)).toEqual({
      ok: true,
    });
    await vi.advanceTimersByTimeAsync(0); // the UI bundle loads
    expect(fakeRuntime.browser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'card-ui:load' });
    expect(ui.thread).toHaveBeenCalledWith(adapter, expect.any(AbortSignal), expect.any(Function));
    expect(panel.act).toHaveBeenLastCalledWith('summarize');
    // What the digest shows goes to the popup.
    const onView = ui.thread.mock.calls[0]![2] as (view: unknown) => void;
    onView(NOTHING_VIEW);
    expect(popup.sent.at(-1)).toEqual({ type: 'thread', thread: NOTHING_VIEW });

    // The shortcut does what the popup's button does; the session keeps its one digest.
    const shortcut = { type: 'command', command: 'summarize-thread' };
    expect(await fakeRuntime.send(shortcut, { id: POPUP_SENDER.id })).toEqual({ ok: true });
    expect(await fakeRuntime.send({ type: 'thread', action: 'cancel' }, POPUP_SENDER)).toEqual({ ok: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(panel.act.mock.calls).toEqual([['summarize'], ['summarize'], ['cancel']]);
    expect(ui.thread).toHaveBeenCalledTimes(1);

    expect(await fakeRuntime.send({ type: 'posts:focus', key: 'x:2' }, POPUP_SENDER)).toEqual({ ok: true });
    expect(await fakeRuntime.send({ type: 'posts:focus', key: 'x:9' }, POPUP_SENDER)).toEqual({ ok: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(ui.focusPost.mock.calls).toEqual([['x:2']]);
  });

  it('does not start on a site switched off, and leaves no mark', async () => {
    sites.set(['x']);
    await runFootnote(ctx, [adapter]);
    expect(ready()).toBeNull();
    expect(marked()).toBe(0);
    expect(fakeRuntime.browser.runtime.onMessage.hasListeners()).toBe(false);
  });

  it('stops with one abort: badges, marks, listeners, card and timers go; switched on, it starts again', async () => {
    await runFootnote(ctx, [adapter]);
    const withSession = vi.getTimerCount(); // the "no posts" check, and the context's own watcher
    const popup = fakeRuntime.connect(POPUP_PORT_NAME);
    // The pointer rests on a badge: the card would open after the hover intent.
    document.querySelector(BADGE_SELECTOR)!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(vi.getTimerCount()).toBe(withSession + 1);

    sites.set(['x']); // switched off in options
    expect(ready()).toBeNull();
    expect(marked()).toBe(0);
    expect(badges()).toBe(0);
    expect(document.querySelector('footnote-card')).toBeNull();
    expect(popup.disconnected).toBe(true);
    expect(fakeRuntime.browser.runtime.onMessage.hasListeners()).toBe(false);
    expect(fakeRuntime.browser.runtime.onConnect.hasListeners()).toBe(false);
    expect(vi.getTimerCount()).toBe(withSession - 1); // only the context's watcher is left
    vi.advanceTimersByTime(HOVER_INTENT_MS * 2);
    expect(fakeRuntime.browser.runtime.sendMessage).not.toHaveBeenCalled(); // no card was loaded

    sites.set([]);
    expect(ready()).toBe('x');
    expect(marked()).toBe(2);
    expect(badges()).toBe(2);
  });

  it('stops when the content script is invalidated (the extension was updated or removed)', async () => {
    await runFootnote(ctx, [adapter]);
    ctx.notifyInvalidated();
    expect(ready()).toBeNull();
    expect(marked()).toBe(0);
    expect(fakeRuntime.browser.runtime.onMessage.hasListeners()).toBe(false);
  });

  it("triages only while the site's triage switch is on, live: no observer of visibility otherwise", async () => {
    const observers: Array<{ observed: Set<Element>; disconnected: boolean }> = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        readonly record = { observed: new Set<Element>(), disconnected: false };
        constructor() {
          observers.push(this.record);
        }
        observe(root: Element) {
          this.record.observed.add(root);
        }
        unobserve(root: Element) {
          this.record.observed.delete(root);
        }
        disconnect() {
          this.record.disconnected = true;
        }
      },
    );
    await runFootnote(ctx, [adapter]);
    expect(observers).toEqual([]);

    sites.setTriage(['bluesky']); // another site's
    expect(observers).toEqual([]);
    sites.setTriage(['x']);
    expect(observers).toHaveLength(1);
    expect(observers[0]!.observed.size).toBe(2); // the posts already on the page

    sites.setTriage([]);
    expect(observers[0]!.disconnected).toBe(true);
    sites.set(['x']);
    sites.setTriage(['x']); // the site is off: nothing to triage
    expect(observers).toHaveLength(1);
    sites.set([]);
    expect(observers).toHaveLength(2);
  });
});
