import { i18n } from '#i18n';
import { ThreadDigest, type ThreadDigestProps } from './ThreadDigest';

export interface ThreadPanelProps extends ThreadDigestProps {
  onClose(): void;
}

/**
 * The thread digest on the page: a landmark region named "Footnote: summary of this discussion",
 * closed by its Close button or Escape.
 */
export function ThreadPanel({ onClose, ...digest }: ThreadPanelProps) {
  return (
    <div
      className="card thread-panel"
      role="region"
      aria-label={i18n.t('thread.panelLabel')}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="card-header">
        <span className="brand">Footnote</span>
        <h2 className="thread-title">{i18n.t('thread.title')}</h2>
        <button type="button" className="icon-button" aria-label={i18n.t('card.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <ThreadDigest {...digest} />
    </div>
  );
}
