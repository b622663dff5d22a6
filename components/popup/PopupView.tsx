import { i18n } from '#i18n';
import type { PageState, ProviderState } from './types';
import { PostItem } from './PostItem';

export interface PopupViewProps {
  provider: ProviderState;
  page: PageState;
  onOpenOptions(): void;
  onOpenPost(key: string): void;
}

/** The toolbar popup: provider notice, then the active tab's posts. */
export function PopupView({ provider, page, onOpenOptions, onOpenPost }: PopupViewProps) {
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
        <PageContent page={page} onOpenPost={onOpenPost} />
      </main>
    </div>
  );
}

function PageContent({ page, onOpenPost }: { page: PageState; onOpenPost(key: string): void }) {
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
          <p className="muted">{i18n.t('popup.unsupportedHint')}</p>
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
