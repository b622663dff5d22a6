import { i18n } from '#i18n';
import type { NoteError } from '@/utils/core/note-error';

/**
 * A failure with its own message and the one action that fixes it (the settings, or trying
 * again): the card's note and the thread digest alike (docs/ARCHITECTURE.md, Failures).
 */
export function ErrorPanel({
  error,
  onOpenOptions,
  onRetry,
}: {
  error: NoteError;
  onOpenOptions(): void;
  onRetry(): void;
}) {
  return (
    <div className="error" role="alert">
      <p className="error-title">{i18n.t(`error.${error.code}`)}</p>
      <p className="error-detail">{error.message}</p>
      {error.action === 'open_options' && (
        <button type="button" className="action-button" onClick={onOpenOptions}>
          {i18n.t('card.openOptions')}
        </button>
      )}
      {error.action === 'retry' && (
        <button type="button" className="action-button" onClick={onRetry}>
          {i18n.t('card.retry')}
        </button>
      )}
    </div>
  );
}
