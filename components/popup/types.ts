import type { PostList, PostListItem } from '../../utils/messaging/popup-protocol';
import type { ProviderSettings } from '../../utils/settings/provider-settings';

/** The saved AI provider (without its key); 'unknown' while reading it (or when that failed). */
export type ProviderState =
  | { kind: 'unknown' }
  | { kind: 'missing' }
  | ({ kind: 'configured' } & Pick<ProviderSettings, 'preset' | 'baseUrl' | 'model'>);

/** What the popup knows about the active tab's posts. */
export type PageState =
  | { kind: 'loading' }
  /**
   * No content script in this tab (or it does not know the site). `enableOrigin`: the page's
   * origin when the user could enable Footnote there (an http(s) page); `refused`: they were
   * asked and did not grant the permission.
   */
  | { kind: 'unsupported'; enableOrigin: string | null; refused?: boolean }
  /** The content script is there but its answer was unreadable or late. */
  | { kind: 'failed' }
  | {
      kind: 'ready';
      site: string;
      posts: PostListItem[];
      digest: PostList['digest'];
      /** The page should show posts and has shown none for a while: what to report. */
      noPosts: PostList['noPosts'];
      /** Why triage is paused on the page; null while it runs or is off. */
      triagePause: PostList['triagePause'];
      /** The page is a thread or item page: "Summarize this discussion" is offered. */
      threadPage: PostList['threadPage'];
      /** The page's thread digest, once asked for. */
      thread: PostList['thread'];
    };

/** Today's token use (triage's part of it apart), and the daily budget (0 = none). */
export interface UsageToday {
  tokens: number;
  notes: number;
  budget: number;
  triage: { posts: number; tokens: number };
  /** What the day's pictures are estimated to cost, of `tokens`. */
  imageTokens: number;
}
