import { describe, expect, it } from 'vitest';
import type { PageState } from '../../components/popup/types';
import { noteError } from '../../utils/core/note-error';
import { sampleThreadView } from '../../components/thread/sample-thread-view';
import { samplePostListItem } from './sample-post-list-item';
import { applyPageMessage } from './post-list';

const post = samplePostListItem;
const ready: PageState = {
  kind: 'ready',
  site: 'x',
  posts: [post(), post({ key: 'x:2' })],
  digest: null,
  noPosts: null,
  triagePause: null,
  threadPage: true,
  thread: null,
};

describe('applyPageMessage', () => {
  it('shows the whole list when the page sends it, whatever was shown before', () => {
    const list = {
      site: 'x',
      posts: [post()],
      digest: { text: 'A digest', final: true },
      noPosts: null,
      triagePause: null,
      threadPage: true,
      thread: sampleThreadView(),
    };
    for (const before of [{ kind: 'loading' }, { kind: 'failed' }, ready] satisfies PageState[])
      expect(applyPageMessage(before, { type: 'page', list })).toEqual({ kind: 'ready', ...list });
  });

  it('replaces one post, in place, when its note state changed', () => {
    const after = applyPageMessage(ready, { type: 'post', post: post({ key: 'x:2', status: 'done' }) });
    expect(after.kind === 'ready' && after.posts.map((p) => [p.key, p.status])).toEqual([
      ['x:1', 'idle'],
      ['x:2', 'done'],
    ]);
  });

  it('takes a new post list, the digest, the "no posts" diagnostic and the triage pause as they come', () => {
    const posts = applyPageMessage(ready, { type: 'posts', posts: [post({ key: 'x:9' })] });
    expect(posts.kind === 'ready' && posts.posts.map((p) => p.key)).toEqual(['x:9']);
    const digest = applyPageMessage(ready, { type: 'digest', digest: { text: 'So far', final: false } });
    expect(digest.kind === 'ready' && digest.digest).toEqual({ text: 'So far', final: false });
    const diagnostic = { version: '1', site: 'x', path: '/home', selectors: [] };
    const noPosts = applyPageMessage(ready, { type: 'no-posts', noPosts: diagnostic });
    expect(noPosts.kind === 'ready' && noPosts.noPosts).toEqual(diagnostic);
    const rateLimited = noteError('rate_limited', 'Slow down.', { retryAfterMs: 30_000 });
    const paused = applyPageMessage(ready, { type: 'triage-pause', triagePause: rateLimited });
    expect(paused.kind === 'ready' && paused.triagePause).toEqual(rateLimited);
  });

  it('takes the thread digest as it streams, and its end', () => {
    const running = sampleThreadView({ status: 'running', progress: { done: 2, total: 8, merging: false } });
    const shown = applyPageMessage(ready, { type: 'thread', thread: running });
    expect(shown.kind === 'ready' && shown.thread).toEqual(running);
    const gone = applyPageMessage(shown, { type: 'thread', thread: null });
    expect(gone.kind === 'ready' && gone.thread).toBeNull();
    expect(gone.kind === 'ready' && gone.posts).toBe(ready.kind === 'ready' && ready.posts);
  });

  it('ignores changes before the list arrived', () => {
    const loading: PageState = { kind: 'loading' };
    expect(applyPageMessage(loading, { type: 'posts', posts: [post()] })).toBe(loading);
  });
});
