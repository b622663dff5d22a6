import { useState } from 'react';
import { i18n } from '#i18n';
import type { PageState, ProviderState, UsageToday } from './types';
import { PostItem } from './PostItem';
import { emptyFilterText, PostFilterControl } from './PostFilterControl';
import { ProviderStatus } from './ProviderStatus';
import { TriageSection } from './TriageSection';
import { UsageLine } from './UsageLine';
import { ThreadSection } from './ThreadSection';
import type { ThreadAction } from '../thread/thread-view';
import { BrandIcon } from '../ui/BrandIcon';
import { filterCounts, filterPosts, type PostFilter } from './post-filter';
import { providerIssue, type ProviderFix } from './provider-issue';

export interface PopupViewProps {
  provider: ProviderState;
  page: PageState;
  usage: UsageToday | null;
  /** Sites whose posts are triaged as the reader scrolls; null until read. */
  triageSites: readonly string[] | null;
  filter: PostFilter;
  /** The post to show first and mark (opened from its card). */
  focusKey: string | null;
  onFilterChange(filter: PostFilter): void;
  /** The current site's triage switch. */
  onTriageChange(on: boolean): void;
  onOpenOptions(): void;
  /** A provider problem's one-click fix (opens the options page where it is fixed). */
  onFix(fix: ProviderFix): void;
  onOpenPost(key: string): void;
  onSummarizeVisible(): void;
  /** The page's thread digest: summarize (on the page too), update, summarize again, cancel. */
  onThreadAction(action: ThreadAction): void;
  /** A digest's link back: the page scrolls to the comment; false when it is no longer there. */
  onFocusPost(key: string): Promise<boolean>;
  /** Puts text on the clipboard; rejects when it could not. */
  onCopy(text: string): Promise<void>;
  onEnableSite(): void;
  /** Copies the "no posts found" diagnostic; rejects when the copy failed. */
  onCopyDiagnostic(): Promise<void>;
}

/**
 * The toolbar popup: provider status, the active tab's posts and their digest, the discussion's
 * digest on a thread page, usage today.
 */
export function PopupView({
  provider,
  page,
  usage,
  triageSites,
  filter,
  focusKey,
  onFilterChange,
  onTriageChange,
  onOpenOptions,
  onFix,
  onOpenPost,
  onSummarizeVisible,
  onThreadAction,
  onFocusPost,
  onCopy,
  onEnableSite,
  onCopyDiagnostic,
}: PopupViewProps) {
  const posts = page.kind === 'ready' ? page.posts : [];
  const issue = providerIssue({ provider, posts, usage });
  return (
    <div className="popup">
      <header className="popup-header">
        <h1>
          <BrandIcon />
          {i18n.t('popup.title')}
        </h1>
        <button type="button" className="link-button" onClick={onOpenOptions}>
          {i18n.t('popup.openOptions')}
        </button>
      </header>

      <main className="popup-main">
        <ProviderStatus provider={provider} issue={issue} onFix={onFix} />
        {page.kind === 'ready' && page.posts.length > 0 && provider.kind === 'configured' && (
          <Digest digest={page.digest} onSummarizeVisible={onSummarizeVisible} />
        )}
        {page.kind === 'ready' && (page.threadPage || page.thread) && provider.kind === 'configured' && (
          <ThreadSection
            thread={page.thread}
            onAction={onThreadAction}
            onFocusPost={onFocusPost}
            onOpenOptions={onOpenOptions}
            onCopy={onCopy}
          />
        )}
        {page.kind === 'ready' && triageSites !== null && (
          <TriageSection
            on={triageSites.includes(page.site)}
            pause={page.triagePause}
            onChange={onTriageChange}
          />
        )}
        <PageContent
          page={page}
          filter={filter}
          focusKey={focusKey}
          onFilterChange={onFilterChange}
          onOpenPost={onOpenPost}
          onEnableSite={onEnableSite}
          onCopyDiagnostic={onCopyDiagnostic}
        />
      </main>
      {usage && <UsageLine usage={usage} />}
    </div>
  );
}

function Digest({
  digest,
  onSummarizeVisible,
}: {
  digest: Extract<PageState, { kind: 'ready' }>['digest'];
  onSummarizeVisible(): void;
}) {
  const writing = digest !== null && !digest.final;
  return (
    <section className="digest" aria-busy={writing}>
      <button type="button" className="primary" onClick={onSummarizeVisible} disabled={writing}>
        {writing ? i18n.t('popup.summarizing') : i18n.t('popup.summarizeVisible')}
      </button>
      {digest && (
        <div aria-live="polite">
          <h2 className="digest-title">{i18n.t('popup.digest')}</h2>
          <p>{digest.text}</p>
        </div>
      )}
    </section>
  );
}

function PageContent({
  page,
  filter,
  focusKey,
  onFilterChange,
  onOpenPost,
  onEnableSite,
  onCopyDiagnostic,
}: {
  page: PageState;
  filter: PostFilter;
  focusKey: string | null;
  onFilterChange(filter: PostFilter): void;
  onOpenPost(key: string): void;
  onEnableSite(): void;
  onCopyDiagnostic(): Promise<void>;
}) {
  switch (page.kind) {
    case 'loading':
      return (
        <p role="status" className="muted">
          {i18n.t('popup.loading')}
        </p>
      );
    case 'unsupported':
      return (
        <div className="empty">
          <h2 className="empty-title">{i18n.t('popup.unsupported')}</h2>
          {page.enableOrigin ? (
            <>
              <p className="muted">{i18n.t('popup.enableHint')}</p>
              <button type="button" className="primary" onClick={onEnableSite}>
                {i18n.t('popup.enableSite', [new URL(page.enableOrigin).host])}
              </button>
              {page.refused && (
                <p role="alert" className="notice-error">
                  {i18n.t('popup.enableRefused')}
                </p>
              )}
            </>
          ) : (
            <p className="muted">{i18n.t('popup.unsupportedHint')}</p>
          )}
        </div>
      );
    case 'failed':
      return (
        <p role="alert" className="notice-error">
          {i18n.t('popup.readFailed')}
        </p>
      );
    case 'ready':
      if (page.posts.length === 0) {
        return page.noPosts ? (
          <SiteChanged onCopyDiagnostic={onCopyDiagnostic} />
        ) : (
          <div className="empty">
            <p className="muted">{i18n.t('popup.noPosts')}</p>
          </div>
        );
      }
      return (
        <PostList
          posts={page.posts}
          filter={filter}
          focusKey={focusKey}
          onFilterChange={onFilterChange}
          onOpenPost={onOpenPost}
        />
      );
  }
}

function PostList({
  posts,
  filter,
  focusKey,
  onFilterChange,
  onOpenPost,
}: {
  posts: Extract<PageState, { kind: 'ready' }>['posts'];
  filter: PostFilter;
  focusKey: string | null;
  onFilterChange(filter: PostFilter): void;
  onOpenPost(key: string): void;
}) {
  const shown = withFocusFirst(filterPosts(posts, filter), focusKey);
  return (
    <>
      <h2 className="posts-heading">{i18n.t('popup.postsHeading', posts.length)}</h2>
      <PostFilterControl value={filter} counts={filterCounts(posts)} onChange={onFilterChange} />
      {shown.length > 0 && <p className="muted hint">{i18n.t('popup.openHint')}</p>}
      {filter !== 'all' && shown.length === 0 ? (
        <p className="muted filter-empty">{emptyFilterText(filter)}</p>
      ) : (
        <ul role="list" className="posts">
          {shown.map((post) => (
            <PostItem key={post.key} post={post} focused={post.key === focusKey} onOpen={onOpenPost} />
          ))}
        </ul>
      )}
    </>
  );
}

/** The post opened from its card comes first; the rest keep the page's order. */
function withFocusFirst<T extends { key: string }>(posts: T[], focusKey: string | null): T[] {
  const focused = posts.find((post) => post.key === focusKey);
  return focused ? [focused, ...posts.filter((post) => post !== focused)] : posts;
}

/** A page that should show posts shows none: the site may have changed its markup. */
function SiteChanged({ onCopyDiagnostic }: { onCopyDiagnostic(): Promise<void> }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () =>
    onCopyDiagnostic().then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  return (
    <div className="empty">
      <h2 className="empty-title">{i18n.t('popup.siteChanged')}</h2>
      <p className="muted">{i18n.t('popup.siteChangedHint')}</p>
      <button type="button" onClick={() => void copy()}>
        {i18n.t('popup.copyDiagnostic')}
      </button>
      <p role="status" className="muted">
        {copied === 'copied' && i18n.t('popup.diagnosticCopied')}
        {copied === 'failed' && i18n.t('popup.diagnosticCopyFailed')}
      </p>
    </div>
  );
}
