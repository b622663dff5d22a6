import type { PopupPortMessage, PostListItem } from '@/utils/messaging/popup-protocol';
import { servePopupPorts, type SendToPopup } from '@/utils/messaging/popup-port-server';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import type { SiteDiagnostic } from '@/utils/core/site-diagnostic';
import type { ThreadView } from '@/utils/core/thread';
import { later, subscribeUntil } from './abortable';
import { NO_POSTS_GRACE_MS, noPostsDiagnostic, type Diagnose } from './no-posts';
import { changedPosts, noteStore } from './note-store';
import { hasPosts, PostItems, sameShownNote, shownNote } from './post-list';

export interface PopupFeed {
  /** The post observer processed a batch: posts may have come, changed or left. */
  postsChanged(): void;
  /** In-app navigation: a new view, timed afresh for "no posts found". */
  navigated(): void;
  /** The page's thread digest changed (it streams), or went (null). */
  threadChanged(thread: ThreadView | null): void;
}

/**
 * Pushes the page's posts to every open popup (the popup connects, this only sends): the whole
 * list when it connects, then the list again when the posts change, each note-state or triage
 * change the popup would show, the digests (of visible posts, of the thread) as they stream, why
 * triage is paused, and "no posts found" when a page that should show posts has shown none for
 * the grace period (one timer per view). While no popup is open it does nothing but that timer.
 */
export function startPopupFeed(adapter: SiteAdapter, signal: AbortSignal, diagnose: Diagnose): PopupFeed {
  const ports = new Set<SendToPopup>();
  const items = new PostItems(adapter);
  /** The posts the open popups were last sent, in page order. */
  let sent: PostListItem[] = [];
  let noPosts: SiteDiagnostic | null = null;
  let thread: ThreadView | null = null;
  let cancelNoPostsCheck = () => {};

  const broadcast = (message: PopupPortMessage) => {
    for (const send of ports) send(message);
  };
  const setNoPosts = (value: SiteDiagnostic | null) => {
    if (value === noPosts) return;
    noPosts = value;
    broadcast({ type: 'no-posts', noPosts });
  };
  const timeNoPosts = () => {
    cancelNoPostsCheck();
    setNoPosts(null);
    const timing = (cancelNoPostsCheck = later(signal, NO_POSTS_GRACE_MS, () => {
      if (hasPosts()) return;
      noPostsDiagnostic(adapter, diagnose).then(
        // Still this view's check, and still no posts, once the diagnostic is read.
        (diagnostic) => {
          if (!signal.aborted && timing === cancelNoPostsCheck && !hasPosts()) setNoPosts(diagnostic);
        },
        () => undefined, // the UI bundle did not load: the popup just lists no posts
      );
    }));
  };
  const sendPostsIfChanged = () => {
    const posts = items.list();
    if (posts.length === sent.length && posts.every((post, i) => post === sent[i])) return;
    sent = posts;
    broadcast({ type: 'posts', posts });
  };

  servePopupPorts(signal, (send) => {
    if (ports.size === 0) sent = items.list();
    else sendPostsIfChanged();
    ports.add(send);
    const { digest, triagePause } = noteStore.getState();
    const threadPage = adapter.threadPage(location);
    send({
      type: 'page',
      list: { site: adapter.id, posts: sent, digest, noPosts, triagePause, threadPage, thread },
    });
    return () => {
      ports.delete(send);
      if (ports.size === 0) items.clear();
    };
  });

  subscribeUntil(signal, noteStore, (state, previous) => {
    if (ports.size === 0) return;
    if (state.digest !== previous.digest) broadcast({ type: 'digest', digest: state.digest });
    if (state.triagePause !== previous.triagePause)
      broadcast({ type: 'triage-pause', triagePause: state.triagePause });
    for (const key of changedPosts(state, previous)) {
      const now = shownNote(state.notes[key], state.triage[key]);
      if (sameShownNote(now, shownNote(previous.notes[key], previous.triage[key]))) continue;
      const index = sent.findIndex((post) => post.key === key);
      const post = index < 0 ? null : items.itemOf(key);
      if (!post) continue;
      sent = sent.with(index, post);
      broadcast({ type: 'post', post });
    }
  });

  timeNoPosts();
  return {
    postsChanged() {
      if (noPosts !== null && hasPosts()) setNoPosts(null);
      if (ports.size > 0) sendPostsIfChanged();
    },
    navigated: timeNoPosts,
    threadChanged(view) {
      thread = view;
      broadcast({ type: 'thread', thread });
    },
  };
}
