import type { NoteError } from '@/utils/core/note-error';
import type { Digest, ThreadPost, ThreadView } from '@/utils/core/thread';
import type { RequestOf, TabRequests } from '@/utils/messaging/protocol';
import type { ThreadPortOut } from '@/utils/messaging/thread-protocol';

/**
 * The thread digest as the panel and the popup show it, from what the thread port says: pure
 * (tested in thread-view.test.ts). `posts` are the posts the digest was asked about, by key: a
 * point's links back name their authors and link to them.
 */

type Cited = ThreadView['cited'];

/** What the reader can ask of the page's digest (the popup sends it as the `thread` tab request). */
export type ThreadAction = RequestOf<TabRequests, 'thread'>['action'];

/** A digest just asked for. An update keeps showing the digest it updates until the new one streams. */
export function startedView(previous: ThreadView | null, keepDigest: boolean): ThreadView {
  return {
    status: 'running',
    progress: null,
    digest: keepDigest ? (previous?.digest ?? null) : null,
    meta: null,
    error: null,
    newPosts: 0,
    cited: keepDigest ? (previous?.cited ?? {}) : {},
  };
}

/** The page shows fewer than two posts: nothing to summarize, and no model was asked. */
export const NOTHING_VIEW: ThreadView = {
  status: 'nothing',
  progress: null,
  digest: null,
  meta: null,
  error: null,
  newPosts: 0,
  cited: {},
};

/** Stopped by the reader: what was summarized so far stays. */
export function cancelledView(view: ThreadView): ThreadView {
  return { ...view, status: 'cancelled', progress: null };
}

/** Failed before the background could say why (the worker stopped, the page could not be read). */
export function failedView(view: ThreadView, error: NoteError): ThreadView {
  return { ...view, status: 'error', progress: null, error };
}

export function applyThreadMessage(
  view: ThreadView,
  message: ThreadPortOut,
  posts: ReadonlyMap<string, ThreadPost>,
): ThreadView {
  switch (message.type) {
    case 'thread:progress':
      return { ...view, progress: message.progress };
    case 'thread:partial':
      return { ...view, digest: message.digest, cited: citedPosts(message.digest, posts, view.cited) };
    case 'thread:done':
      return {
        status: 'done',
        progress: null,
        digest: message.digest,
        meta: message.meta,
        error: null,
        newPosts: message.newPosts,
        cited: citedPosts(message.digest, posts, view.cited),
      };
    case 'thread:error': {
      const digest = message.digest ?? view.digest;
      const cited = digest ? citedPosts(digest, posts, view.cited) : view.cited;
      // The run was stopped on purpose (the port closed): that is a cancel, not a failure.
      if (message.error.code === 'cancelled') return cancelledView({ ...view, digest, cited });
      return failedView({ ...view, digest, cited }, message.error);
    }
  }
}

/** Every post key the digest cites, in the order it cites them, each once. */
export function digestRefs(digest: Digest): string[] {
  const points = [...digest.positions, ...digest.disputed, ...digest.sourced, ...digest.questions];
  return [...new Set(points.flatMap((point) => point.posts))];
}

/**
 * Author and link of each post the digest cites, from the posts asked about; `known` keeps what
 * an earlier digest of the run knew of a post the request no longer carries.
 */
export function citedPosts(digest: Digest, posts: ReadonlyMap<string, ThreadPost>, known: Cited = {}): Cited {
  const cited: Cited = {};
  for (const key of digestRefs(digest)) {
    const post = posts.get(key);
    const entry = post ? { author: authorLabel(post.author), url: post.url } : known[key];
    if (entry) cited[key] = entry;
  }
  return cited;
}

/** "@handle" where the site has handles, else the display name. */
function authorLabel(author: ThreadPost['author']): string {
  const handle = author.handle.replace(/^@/, '');
  return handle ? `@${handle}` : author.name;
}
