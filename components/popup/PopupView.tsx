import { i18n } from '#i18n';
import type { PageState, ProviderState, UsageToday } from './types';
import { PostItem } from './PostItem';

export interface PopupViewProps {
  provider: ProviderState;
  page: PageState;
  usage: UsageToday | null;
  onOpenOptions(): void;
  onOpenPost(key: string): void;
  onSummarizeVisible(): void;
  onEnableSite(): void;
}

/** The toolbar popup: provider notice, the active tab's posts and their digest, usage today. */
export function PopupView({
  provider,
  page,
  usage,
  onOpenOptions,
  onOpenPost,
  onSummarizeVisible,
  onEnableSite,
}: PopupViewProps) {
  return (
    <div className="popup">
      <header className="popup-header">
        <h1>{i18n.t('popup.title')}</h1>
        <button type="button" className="link-button" onClick={onOpenOptions}>
          {i18n.t('popup.openOptions')}
        </button>
      </header>

      {provider === 'missing' && (
        <section className="setup-notice">
          <p>{i18n.t('popup.noProvider')}</p>
          <button type="button" className="primary" onClick={onOpenOptions}>
            {i18n.t('popup.setUp')}
          </button>
        </section>
      )}

      <main className="popup-main">
        {page.kind === 'ready' && page.posts.length > 0 && provider === 'configured' && (
          <Digest digest={page.digest} onSummarizeVisible={onSummarizeVisible} />
        )}
        <PageContent page={page} onOpenPost={onOpenPost} onEnableSite={onEnableSite} />
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

function UsageLine({ usage }: { usage: UsageToday }) {
  const format = new Intl.NumberFormat(i18n.t('@@ui_locale').replace('_', '-'));
  return (
    <footer className="usage muted">
      {i18n.t('popup.usageToday', [format.format(usage.tokens), format.format(usage.notes)])}
      {usage.budget > 0 && ` · ${i18n.t('popup.usageBudget', [format.format(usage.budget)])}`}
    </footer>
  );
}

function PageContent({
  page,
  onOpenPost,
  onEnableSite,
}: {
  page: PageState;
  onOpenPost(key: string): void;
  onEnableSite(): void;
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
        return (
          <div className="empty">
            <p className="muted">{i18n.t('popup.noPosts')}</p>
          </div>
        );
      }
      return (
        <>
          <h2 className="posts-heading">{i18n.t('popup.postsHeading', page.posts.length)}</h2>
          <p className="muted hint">{i18n.t('popup.openHint')}</p>
          <ul role="list" className="posts">
            {page.posts.map((post) => (
              <PostItem key={post.key} post={post} onOpen={onOpenPost} />
            ))}
          </ul>
        </>
      );
  }
}
