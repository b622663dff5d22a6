import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SCRIPT_SENDER,
  fakeRuntime,
  PAGE_SENDER,
  POPUP_SENDER,
} from '../../test-support/fake-runtime';
import { noteError } from '../core/note-error';
import type { Digest, DigestMeta, ThreadPost } from '../core/thread';
import type { DigestRequest, ThreadSink } from '../notes/note-engine';
import { THREAD_PORT_NAME, threadPortOutSchema } from './thread-protocol';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../test-support/fake-runtime')).fakeRuntime.browser,
}));
const worker = vi.hoisted(() => ({ held: 0 }));
vi.mock('./keep-alive', () => ({
  holdWorkerAlive: () => {
    worker.held++;
    let released = false;
    return () => {
      if (!released) worker.held--;
      released = true;
    };
  },
}));
const { serveThreadPorts } = await import('./thread-port-server');

const POST: ThreadPost = {
  key: 'hackernews:1',
  parentKey: null,
  url: 'https://news.ycombinator.com/item?id=1',
  author: { name: 'pg', handle: 'pg' },
  time: null,
  text: 'Bridges are good.',
};
const request = (threadId = 't1') => ({
  type: 'thread:request',
  threadId,
  url: 'https://news.ycombinator.com/item?id=1',
  title: 'Bridges',
  posts: [POST, { ...POST, key: 'hackernews:2', parentKey: 'hackernews:1' }],
  leftOut: 0,
});
const DIGEST: Digest = {
  about: 'Bridges.',
  positions: [{ point: 'Good', support: 'most', posts: ['hackernews:1'] }],
  disputed: [],
  sourced: [],
  questions: [],
};
const META: DigestMeta = {
  provider: 'Custom',
  model: 'm',
  promptVersion: 'd1',
  posts: 2,
  leftOut: 0,
  chunks: 1,
  skippedChunks: [],
  requests: 1,
  usage: { promptTokens: 1, completionTokens: 1, estimated: false },
  createdAt: 1,
  fromCache: false,
};

interface Run {
  request: DigestRequest;
  sink: ThreadSink;
  signal: AbortSignal;
  finish(): void;
}

let runs: Run[];
const engine = {
  requestDigest: vi.fn(
    (request: DigestRequest, sink: ThreadSink, signal: AbortSignal) =>
      new Promise<void>((finish) => runs.push({ request, sink, signal, finish })),
  ),
};
const settle = () => new Promise((resolve) => setTimeout(resolve));

beforeEach(() => {
  fakeRuntime.reset();
  engine.requestDigest.mockClear();
  runs = [];
  serveThreadPorts(engine);
});
afterEach(async () => {
  for (const run of runs) run.finish();
  await settle();
  expect(worker.held).toBe(0); // every run released the worker
});

describe('thread port server', () => {
  it('refuses ports from pages, other extensions and our own extension pages', () => {
    for (const sender of [
      PAGE_SENDER,
      POPUP_SENDER,
      { ...CONTENT_SCRIPT_SENDER, id: 'other-extension' },
      undefined,
    ]) {
      const port = fakeRuntime.connect(THREAD_PORT_NAME, sender);
      expect(port.disconnected).toBe(true);
      port.onMessage.fire(request());
    }
    expect(engine.requestDigest).not.toHaveBeenCalled();
    // Other ports are not this server's to answer or refuse.
    expect(fakeRuntime.connect('footnote:notes', PAGE_SENDER).disconnected).toBe(false);
  });

  it('ignores every message that is not a valid thread request or cancel', () => {
    const port = fakeRuntime.connect(THREAD_PORT_NAME, CONTENT_SCRIPT_SENDER);
    for (const message of [
      null,
      'thread:request',
      { ...request(), type: 'note:request' },
      { ...request(), threadId: '' },
      { ...request(), posts: [] },
      { ...request(), posts: Array(5_001).fill(POST) },
      { ...request(), posts: [{ ...POST, text: 'x'.repeat(2_001) }] },
      { ...request(), leftOut: '3' },
      { type: 'thread:cancel' },
    ]) {
      expect(() => port.onMessage.fire(message)).not.toThrow();
    }
    expect(engine.requestDigest).not.toHaveBeenCalled();
    port.onMessage.fire({ ...request(), extra: 'ignored' });
    expect(engine.requestDigest).toHaveBeenCalledTimes(1);
    const { type: _type, threadId: _id, ...expected } = request();
    expect(runs[0]!.request).toEqual({ ...expected, update: false, refresh: false });
  });

  it('streams the run’s progress, partials and end as thread messages', () => {
    const port = fakeRuntime.connect(THREAD_PORT_NAME, CONTENT_SCRIPT_SENDER);
    port.onMessage.fire(request('t9'));
    const [run] = runs;
    run!.sink.progress({ done: 0, total: 2, merging: false });
    run!.sink.partial(DIGEST);
    run!.sink.done(DIGEST, META, 3);
    run!.sink.error(noteError('budget_exhausted', 'Used up.'), DIGEST);
    expect(port.sent).toEqual([
      { type: 'thread:progress', threadId: 't9', progress: { done: 0, total: 2, merging: false } },
      { type: 'thread:partial', threadId: 't9', digest: DIGEST },
      { type: 'thread:done', threadId: 't9', digest: DIGEST, meta: META, newPosts: 3 },
      {
        type: 'thread:error',
        threadId: 't9',
        error: noteError('budget_exhausted', 'Used up.'),
        digest: DIGEST,
      },
    ]);
    for (const message of port.sent) expect(threadPortOutSchema.safeParse(message).success).toBe(true);
  });

  it('keeps the worker alive while a digest runs, and cancels it on request: that thread only', () => {
    const port = fakeRuntime.connect(THREAD_PORT_NAME, CONTENT_SCRIPT_SENDER);
    port.onMessage.fire(request('a'));
    port.onMessage.fire(request('b'));
    expect(worker.held).toBe(2);
    port.onMessage.fire({ type: 'thread:cancel', threadId: 'a' });
    expect(runs.map((r) => r.signal.aborted)).toEqual([true, false]);
    // The cancelled run still says how far it got.
    runs[0]!.sink.error(noteError('cancelled', 'Cancelled.'), DIGEST);
    expect(port.sent).toHaveLength(1);
  });

  it('replaces a running digest of the same thread: the old one is aborted and silenced', async () => {
    const port = fakeRuntime.connect(THREAD_PORT_NAME, CONTENT_SCRIPT_SENDER);
    port.onMessage.fire(request('t1'));
    port.onMessage.fire({ ...request('t1'), refresh: true });
    const [old, current] = runs;
    expect(old!.signal.aborted).toBe(true);
    expect(current!.request.refresh).toBe(true);
    old!.sink.error(noteError('cancelled', 'Cancelled.'), null);
    old!.finish();
    await settle();
    current!.sink.partial(DIGEST);
    expect(port.sent).toEqual([{ type: 'thread:partial', threadId: 't1', digest: DIGEST }]);
  });

  it('aborts every run when the page closes the port, or is gone when the run speaks', () => {
    const port = fakeRuntime.connect(THREAD_PORT_NAME, CONTENT_SCRIPT_SENDER);
    port.onMessage.fire(request('a'));
    port.onMessage.fire(request('b'));
    port.close();
    expect(runs.every((r) => r.signal.aborted)).toBe(true);

    const other = fakeRuntime.connect(THREAD_PORT_NAME, { ...CONTENT_SCRIPT_SENDER, tab: { id: 8 } });
    other.onMessage.fire(request('c'));
    other.disconnected = true; // gone without a disconnect event yet
    expect(() => runs[2]!.sink.partial(DIGEST)).not.toThrow();
    expect(runs[2]!.signal.aborted).toBe(true);
  });
});
