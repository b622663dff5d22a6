import { CARD_UI_GLOBAL, type CardUi } from '@/components/card/card-contract';
import type { ThreadAction } from '@/components/thread/thread-view';
import type { ThreadView } from '@/utils/core/thread';
import type { TranscriptResult } from '@/utils/core/video';
import type { SiteDiagnostic } from '@/utils/core/site-diagnostic';
import { sendToBackground } from '@/utils/messaging/content-client';
import type { SiteAdapter } from '@/utils/sites/site-adapter';

/** The page's thread digest ("Summarize this discussion"), its panel and its port: in the UI bundle. */
export interface PageThread {
  /** summarize: opens the panel and focuses it (a digest under way goes on); the rest act on the digest. */
  act(action: ThreadAction): void;
  /** In-app navigation: a digest of another page is cancelled and its panel closed. */
  navigated(): void;
}

/**
 * The lazily injected UI bundle (entrypoints/card-ui) as the content script uses it: the card,
 * and everything of the thread digest, which the content script only starts and hands requests to.
 */
export interface PageUi extends CardUi {
  /** The session's thread digest; `onView` hears every change of what it shows (for the popup). */
  thread(adapter: SiteAdapter, signal: AbortSignal, onView: (view: ThreadView | null) => void): PageThread;
  /** Scrolls to the post, focuses and highlights it briefly; false when it is not on the page. */
  focusPost(key: string): boolean;
  /** The page's "site may have changed" diagnostic (utils/sites/site-diagnostic.ts). */
  diagnose(adapter: SiteAdapter): SiteDiagnostic;
  /** What is said in a YouTube video, read on its watch page (entrypoints/card-ui/video-transcript.ts). */
  readTranscript(videoId: string, signal: AbortSignal): Promise<TranscriptResult>;
}

let loading: Promise<PageUi> | null = null;

/**
 * The UI bundle, which the background injects into this frame's isolated world on first use
 * (keeps page-load cost small, and pages cannot fetch it). Loaded once for the page; a failed
 * load is tried again by the next use.
 */
export function loadPageUi(): Promise<PageUi> {
  loading ??= (async () => {
    await sendToBackground({ type: 'card-ui:load' });
    const ui = (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] as PageUi | undefined;
    if (!ui) throw new Error('The Footnote card could not be loaded.');
    return ui;
  })();
  loading.catch(() => (loading = null));
  return loading;
}
