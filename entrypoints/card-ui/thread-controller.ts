import { browser, type Browser } from 'wxt/browser';
import type { ThreadPanelProps } from '@/components/thread/ThreadPanel';
import {
  applyThreadMessage,
  cancelledView,
  failedView,
  NOTHING_VIEW,
  startedView,
  type ThreadAction,
} from '@/components/thread/thread-view';
import { noteError } from '@/utils/core/note-error';
import type { ThreadPost, ThreadView } from '@/utils/core/thread';
import { sendToBackground } from '@/utils/messaging/content-client';
import { THREAD_PORT_NAME, threadPortOutSchema, type ThreadPortIn } from '@/utils/messaging/thread-protocol';
import { collectThread } from '@/utils/posts/thread-posts';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { childController } from '../content/abortable';
import type { PageThread } from '../content/page-ui';
import { focusPost, releaseFocusedPosts } from './focus-post';
import { ThreadPanelHost } from './thread-panel-host';

/** One digest asked for: its own port, closed when it ends or is cancelled. */
interface Run {
  threadId: string;
  /** Stops collecting the posts. */
  abort: AbortController;
  port: Browser.runtime.Port | null;
  /** The posts sent, by key: a point's links back name their authors. */
  posts: Map<string, ThreadPost>;
}

/**
 * "Summarize this discussion" on one page: collects the thread's posts the page has loaded,
 * asks the background for their digest over the thread port, and shows it as it streams in the
 * panel and (through `onView`) the popup. One digest at a time; everything ends with `signal`.
 */
export class ThreadController implements PageThread {
  private view: ThreadView | null = null;
  /** The page the view is about (without its fragment). */
  private viewUrl: string | null = null;
  private run: Run | null = null;
  private readonly panel = new ThreadPanelHost();

  constructor(
    private readonly adapter: SiteAdapter,
    private readonly signal: AbortSignal,
    private readonly onView: (view: ThreadView | null) => void,
  ) {
    signal.addEventListener(
      'abort',
      () => {
        this.stop();
        this.panel.remove();
        releaseFocusedPosts();
      },
      { once: true },
    );
  }

  act(action: ThreadAction): void {
    if (this.signal.aborted) return;
    if (action === 'cancel') {
      if (this.stop() && this.view) this.setView(cancelledView(this.view));
      return;
    }
    // Asked again while a digest is under way: the panel shows it, nothing starts again.
    if (action !== 'summarize' || !this.run) void this.start(action === 'update', action === 'refresh');
    if (action === 'summarize') this.panel.open(this.panelProps());
  }

  navigated(): void {
    if (this.viewUrl === null || this.viewUrl === pageUrl()) return;
    this.stop();
    this.panel.close();
    this.view = null;
    this.viewUrl = null;
    this.onView(null);
  }

  private async start(update: boolean, refresh: boolean): Promise<void> {
    this.stop();
    const run: Run = {
      threadId: crypto.randomUUID(),
      abort: childController(this.signal),
      port: null,
      posts: new Map(),
    };
    this.run = run;
    this.viewUrl = pageUrl();
    this.setView(startedView(this.view, update));
    let thread: Awaited<ReturnType<typeof collectThread>>;
    try {
      thread = await collectThread(this.adapter, document.body, run.abort.signal);
    } catch (error) {
      if (this.run !== run) return; // cancelled while collecting
      this.run = null;
      this.setView(failedView(this.currentView(), noteError('internal', String(error))));
      return;
    }
    if (this.run !== run) return;
    if (thread.posts.length < 2) {
      this.run = null;
      this.setView(NOTHING_VIEW);
      return;
    }
    for (const post of thread.posts) run.posts.set(post.key, post);
    const port = browser.runtime.connect({ name: THREAD_PORT_NAME });
    run.port = port;
    port.onMessage.addListener((message: unknown) => this.receive(run, message));
    port.onDisconnect.addListener(() => {
      if (this.run !== run) return;
      this.run = null;
      const stopped = noteError(
        'network',
        "Footnote's background worker stopped before the summary was finished.",
      );
      this.setView(failedView(this.currentView(), stopped));
    });
    this.send(run, {
      type: 'thread:request',
      threadId: run.threadId,
      url: this.viewUrl,
      title: document.title.slice(0, 500),
      posts: thread.posts,
      leftOut: thread.leftOut,
      update,
      refresh,
    });
  }

  private receive(run: Run, raw: unknown): void {
    const parsed = threadPortOutSchema.safeParse(raw);
    if (this.run !== run || !parsed.success || parsed.data.threadId !== run.threadId) return;
    const message = parsed.data;
    if (message.type === 'thread:done' || message.type === 'thread:error') {
      this.run = null;
      run.abort.abort();
      run.port?.disconnect();
    }
    this.setView(applyThreadMessage(this.currentView(), message, run.posts));
  }

  /** Ends the digest under way, if any (the background stops its work): returns whether there was one. */
  private stop(): boolean {
    const run = this.run;
    if (!run) return false;
    this.run = null;
    run.abort.abort();
    this.send(run, { type: 'thread:cancel', threadId: run.threadId });
    run.port?.disconnect();
    return true;
  }

  private send(run: Run, message: ThreadPortIn): void {
    try {
      run.port?.postMessage(message);
    } catch {
      // The port closed under it: onDisconnect says so.
    }
  }

  private currentView(): ThreadView {
    return this.view ?? startedView(null, false);
  }

  private setView(view: ThreadView): void {
    this.view = view;
    this.onView(view);
    this.panel.render(this.panelProps());
  }

  private panelProps(): ThreadPanelProps {
    return {
      view: this.currentView(),
      onAction: (action) => this.act(action),
      onFocusPost: async (key) => focusPost(key),
      onOpenOptions: () => void sendToBackground({ type: 'options:open' }).catch(() => {}),
      onCopy: (text) => navigator.clipboard.writeText(text),
      onClose: () => this.panel.close(),
    };
  }
}

/** The thread's page: its URL without the fragment (part of the digest's cache key). */
function pageUrl(): string {
  return `${location.origin}${location.pathname}${location.search}`.slice(0, 2_000);
}
