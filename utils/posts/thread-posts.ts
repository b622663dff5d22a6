import type { SiteAdapter } from '../sites/site-adapter';
import { clipTextToLength } from '../core/clip-text';
import { postKey } from '../core/post';
import { THREAD_POSTS_MAX, THREAD_TEXT_MAX, type ThreadPost } from '../core/thread';

/** Posts extracted between two yields to the event loop: one task stays short on any page. */
const POSTS_PER_TASK = 100;

export interface CollectedThread {
  /** The thread's posts the page has loaded, in page order, each once. */
  posts: ThreadPost[];
  /** Posts beyond THREAD_POSTS_MAX, counted by id and never extracted. */
  leftOut: number;
}

/**
 * The posts of the thread the page shows, for "Summarize this discussion": every post root, in
 * page order, each post once (Bluesky keeps hidden copies of posts mounted), with the key of the
 * post it replies to when the page shows it. Posts without text are not part of what is said.
 * Work is bounded: THREAD_POSTS_MAX posts extracted at most, a yield every POSTS_PER_TASK, and
 * it stops (rejects with the signal's reason) once the signal aborts.
 */
export async function collectThread(
  adapter: SiteAdapter,
  root: ParentNode,
  signal?: AbortSignal,
): Promise<CollectedThread> {
  signal?.throwIfAborted();
  const posts: ThreadPost[] = [];
  const seen = new Set<string>();
  let leftOut = 0;
  let budget = POSTS_PER_TASK;
  for (const element of root.querySelectorAll(adapter.postRootSelector)) {
    if (budget === 0) {
      await nextTask();
      signal?.throwIfAborted();
      budget = POSTS_PER_TASK;
    }
    // The page goes on while this yields: a root it removed meanwhile is no longer shown.
    if (!element.isConnected) continue;
    const id = adapter.postId(element);
    if (id === null) continue;
    const key = postKey({ site: adapter.id, id });
    if (seen.has(key)) continue;
    if (posts.length >= THREAD_POSTS_MAX) {
      seen.add(key);
      leftOut++;
      continue;
    }
    budget--;
    const post = adapter.extractPost(element);
    // A hidden or collapsed copy may show no text where another copy does: only a copy with text counts.
    if (post === null || post.text.trim() === '') continue;
    seen.add(key);
    posts.push({
      key,
      parentKey: post.parent?.id ? postKey({ site: post.site, id: post.parent.id }) : null,
      url: post.url,
      author: post.author,
      time: post.time,
      text: clipTextToLength(post.text, THREAD_TEXT_MAX),
    });
  }
  return { posts, leftOut };
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
