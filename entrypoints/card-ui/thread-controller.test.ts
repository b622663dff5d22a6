// @vitest-environment jsdom
import { articleAdapter } from '@/test-support/article-adapter';
import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleDigest, sampleDigestMeta } from '@/components/thread/sample-thread-view';
import { fakeRuntime, type FakePort } from '@/test-support/fake-runtime';
import type { ThreadView } from '@/utils/core/thread';
import { THREAD_PORT_NAME, type ThreadRequest } from '@/utils/messaging/thread-protocol';
import { ThreadController } from './thread-controller';

vi.mock('wxt/browser', async () => ({
  browser: (await import('@/test-support/fake-runtime')).fakeRuntime.browser,
}));
vi.mock('#i18n', () => ({ i18n: { t: (key: string) => key } }));
// jsdom has no constructable stylesheets; what the panel looks like is not what this is about.
vi.mock('./stylesheet', () => ({ adoptStyles: () => {} }));

setMaxListeners(50);

/** Lets the posts be collected (async) and the port open. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

let lifetime: AbortController;
let views: Array<ThreadView | null>;
let controller: ThreadController;
const lastView = () => views.at(-1);
const host = () => document.querySelector<HTMLElement>('footnote-thread');
const panelOpen = () => host()?.style.getPropertyValue('display') === 'block';
const port = (): FakePort => fakeRuntime.opened.at(-1)!;
const request = () => port().sent[0] as ThreadRequest;

function showComments(...ids: string[]): void {
  document.body.replaceChildren(
    ...ids.map((id) => Object.assign(document.createElement('article'), { textContent: `Comment ${id}` })),
  );
  document.querySelectorAll('article').forEach((article, i) => article.setAttribute('data-id', ids[i]!));
}

beforeEach(() => {
  fakeRuntime.reset();
  vi.stubGlobal('matchMedia', () => ({ matches: false })); // the panel's theme: jsdom has no media queries
  history.replaceState(null, '', '/item?id=1#top');
  document.title = 'A thread';
  showComments('1', '2', '3');
  views = [];
  lifetime = new AbortController();
  controller = new ThreadController(articleAdapter, lifetime.signal, (view) => views.push(view));
});
afterEach(() => {
  lifetime.abort();
  vi.unstubAllGlobals();
});

describe('summarizing the discussion on the page', () => {
  it("opens the panel, focuses it, and asks for the digest of the page's comments", async () => {
    controller.act('summarize');
    expect(panelOpen()).toBe(true);
    expect(host()!.shadowRoot!.activeElement?.getAttribute('role')).toBe('region');
    expect(lastView()).toMatchObject({ status: 'running', progress: null, digest: null });
    await settle();
    expect(port().name).toBe(THREAD_PORT_NAME);
    expect(request()).toEqual({
      type: 'thread:request',
      threadId: expect.any(String),
      url: `${location.origin}/item?id=1`, // without the fragment
      title: 'A thread',
      posts: ['1', '2', '3'].map((id) => expect.objectContaining({ key: `x:${id}`, text: `Comment ${id}` })),
      leftOut: 0,
      update: false,
      refresh: false,
    });
  });

  it('turns what the port says into the view, ignoring what is not for this run or not valid', async () => {
    controller.act('summarize');
    await settle();
    const threadId = request().threadId;
    const say = (message: unknown) => port().onMessage.fire(message);
    say({ type: 'thread:progress', threadId, progress: { done: 1, total: 3, merging: false } });
    expect(lastView()?.progress).toEqual({ done: 1, total: 3, merging: false });
    const count = views.length;
    say({ type: 'thread:progress', threadId: 'another', progress: { done: 2, total: 3, merging: false } });
    say({ type: 'thread:progress', threadId, progress: { done: 'two' } });
    say({ type: 'thread:made-up', threadId });
    expect(views).toHaveLength(count);
    const digest = sampleDigest({
      positions: [{ point: 'P', support: 'most', posts: ['x:1', 'x:9', 'x:3'] }],
      disputed: [],
      sourced: [],
      questions: [],
    });
    say({ type: 'thread:partial', threadId, digest });
    // A cited key the page does not have gets no link back.
    expect(lastView()?.cited).toEqual({
      'x:1': { author: '@someone', url: 'https://x.com/someone/status/1851263513130018247' },
      'x:3': { author: '@someone', url: 'https://x.com/someone/status/1851263513130018247' },
    });
    say({ type: 'thread:done', threadId, digest, meta: sampleDigestMeta(), newPosts: 0 });
    expect(lastView()).toMatchObject({ status: 'done', digest });
    expect(port().disconnected).toBe(true);
    expect(port().sent).toHaveLength(1); // done: nothing to cancel
  });

  it('cancels: the background hears it, the port closes, the partial digest stays', async () => {
    controller.act('summarize');
    await settle();
    const { threadId } = request();
    port().onMessage.fire({ type: 'thread:partial', threadId, digest: sampleDigest() });
    controller.act('cancel');
    expect(port().sent.at(-1)).toEqual({ type: 'thread:cancel', threadId });
    expect(port().disconnected).toBe(true);
    expect(lastView()).toMatchObject({ status: 'cancelled', digest: sampleDigest() });
  });

  it('cancels while the posts are still being read, before any port', async () => {
    controller.act('summarize');
    controller.act('cancel');
    await settle();
    expect(fakeRuntime.opened).toHaveLength(0);
    expect(lastView()?.status).toBe('cancelled');
  });

  it('says there is nothing to summarize on a page with one post, and asks no model', async () => {
    showComments('1');
    controller.act('summarize');
    await settle();
    expect(fakeRuntime.opened).toHaveLength(0);
    expect(lastView()?.status).toBe('nothing');
    expect(panelOpen()).toBe(true);
  });

  it('fails visibly when the background worker stops mid-run', async () => {
    controller.act('summarize');
    await settle();
    port().close();
    expect(lastView()).toMatchObject({ status: 'error', error: { code: 'network', action: 'retry' } });
  });

  it('shows the digest under way when asked again, and sends updates and fresh runs as such', async () => {
    controller.act('summarize');
    await settle();
    const first = port();
    controller.act('summarize');
    await settle();
    expect(fakeRuntime.opened).toHaveLength(1);
    first.onMessage.fire({
      type: 'thread:done',
      threadId: request().threadId,
      digest: sampleDigest(),
      meta: sampleDigestMeta(),
      newPosts: 2,
    });
    controller.act('update');
    expect(lastView()).toMatchObject({ status: 'running', digest: sampleDigest() }); // the old one, meanwhile
    await settle();
    expect(request()).toMatchObject({ update: true, refresh: false });
    controller.act('refresh'); // the update is cancelled for it
    expect(fakeRuntime.opened[1]!.disconnected).toBe(true);
    await settle();
    expect(request()).toMatchObject({ update: false, refresh: true });
  });

  it('forgets the digest when the page navigates to another thread, not when only the fragment changes', async () => {
    controller.act('summarize');
    await settle();
    history.pushState(null, '', '/item?id=1#c5');
    controller.navigated();
    expect(port().disconnected).toBe(false);
    history.pushState(null, '', '/item?id=2');
    controller.navigated();
    expect(port().disconnected).toBe(true);
    expect(lastView()).toBeNull();
    expect(panelOpen()).toBe(false);
  });

  it('closes with Escape and gives focus back, and leaves the page when the session stops', async () => {
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    controller.act('summarize');
    await settle();
    const region = host()!.shadowRoot!.querySelector('[role="region"]')!;
    region.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(panelOpen()).toBe(false);
    expect(document.activeElement).toBe(before);
    expect(port().disconnected).toBe(false); // closing the panel does not stop the digest
    lifetime.abort();
    expect(port().disconnected).toBe(true);
    expect(host()).toBeNull();
  });
});
