import { describe, expect, it } from 'vitest';
import { noteError } from '@/utils/core/note-error';
import type { ThreadPost } from '@/utils/core/thread';
import { sampleDigest, sampleDigestMeta } from './sample-thread-view';
import {
  applyThreadMessage,
  cancelledView,
  citedPosts,
  digestRefs,
  NOTHING_VIEW,
  startedView,
} from './thread-view';

const post = (id: string, handle: string, name = handle): ThreadPost => ({
  key: `x:${id}`,
  parentKey: null,
  url: `https://x.com/${handle || 'i'}/status/${id}`,
  author: { name, handle },
  time: null,
  text: `Comment ${id}`,
});
const POSTS = new Map(
  [post('1', 'alice'), post('2', 'bob'), post('3', '', 'Carol Example')].map((p) => [p.key, p]),
);
const threadId = 't1';

describe('the thread view', () => {
  it('starts running with nothing shown, or, for an update, with the digest it updates', () => {
    expect(startedView(null, false)).toEqual({
      status: 'running',
      progress: null,
      digest: null,
      meta: null,
      error: null,
      newPosts: 0,
      cited: {},
    });
    const done = applyThreadMessage(
      startedView(null, false),
      { type: 'thread:done', threadId, digest: sampleDigest(), meta: sampleDigestMeta(), newPosts: 4 },
      POSTS,
    );
    const update = startedView(done, true);
    expect(update).toMatchObject({ status: 'running', digest: done.digest, cited: done.cited, newPosts: 0 });
    expect(startedView(done, false).digest).toBeNull();
  });

  it('follows progress, streams partial digests with their links back, and ends done', () => {
    let view = startedView(null, false);
    view = applyThreadMessage(
      view,
      { type: 'thread:progress', threadId, progress: { done: 2, total: 8, merging: false } },
      POSTS,
    );
    expect(view.progress).toEqual({ done: 2, total: 8, merging: false });
    const partial = sampleDigest({ disputed: [], sourced: [], questions: [] });
    view = applyThreadMessage(view, { type: 'thread:partial', threadId, digest: partial }, POSTS);
    expect(view).toMatchObject({ status: 'running', digest: partial, progress: { done: 2 } });
    expect(view.cited).toEqual({
      'x:1': { author: '@alice', url: 'https://x.com/alice/status/1' },
      'x:2': { author: '@bob', url: 'https://x.com/bob/status/2' },
      // No handle on the site: the display name.
      'x:3': { author: 'Carol Example', url: 'https://x.com/i/status/3' },
    });
    const meta = sampleDigestMeta({ posts: 3 });
    view = applyThreadMessage(
      view,
      { type: 'thread:done', threadId, digest: sampleDigest(), meta, newPosts: 2 },
      POSTS,
    );
    expect(view).toMatchObject({ status: 'done', progress: null, meta, newPosts: 2, error: null });
    expect(Object.keys(view.cited)).toEqual(['x:1', 'x:2', 'x:3']);
  });

  it('keeps what was summarized when the run fails, and the error says why', () => {
    const partial = sampleDigest();
    let view = applyThreadMessage(
      startedView(null, false),
      { type: 'thread:partial', threadId, digest: partial },
      POSTS,
    );
    const budget = noteError('budget_exhausted', 'Used up.');
    view = applyThreadMessage(view, { type: 'thread:error', threadId, error: budget, digest: null }, POSTS);
    expect(view).toMatchObject({ status: 'error', error: budget, digest: partial, progress: null });
    expect(view.cited['x:1']?.author).toBe('@alice');
  });

  it('reads a run the background stopped as cancelled, and a cancel keeps the partial digest', () => {
    const partial = sampleDigest();
    const running = applyThreadMessage(
      { ...startedView(null, false), progress: { done: 1, total: 3, merging: false } },
      { type: 'thread:partial', threadId, digest: partial },
      POSTS,
    );
    const stopped = applyThreadMessage(
      running,
      { type: 'thread:error', threadId, error: noteError('cancelled', 'Closed.'), digest: null },
      POSTS,
    );
    expect(stopped).toMatchObject({ status: 'cancelled', error: null, digest: partial, progress: null });
    expect(cancelledView(running)).toMatchObject({ status: 'cancelled', digest: partial, progress: null });
  });

  it('says there is nothing to summarize without a model', () => {
    expect(NOTHING_VIEW).toMatchObject({ status: 'nothing', digest: null, progress: null });
  });

  it('cites each post once, in the order the digest cites them, and keeps what it knew of posts gone', () => {
    const digest = sampleDigest();
    expect(digestRefs(digest)).toEqual(['x:1', 'x:2', 'x:3']);
    const known = { 'x:3': { author: '@carol', url: 'https://x.com/carol/status/3' } };
    const onlyAlice = new Map([['x:1', POSTS.get('x:1')!]]);
    expect(citedPosts(digest, onlyAlice, known)).toEqual({
      'x:1': { author: '@alice', url: 'https://x.com/alice/status/1' },
      'x:3': known['x:3'],
    });
  });
});
