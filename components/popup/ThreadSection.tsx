import { i18n } from '#i18n';
import type { ThreadView } from '../../utils/core/thread';
import { ThreadDigest } from '../thread/ThreadDigest';
import type { ThreadAction } from '../thread/thread-view';

/**
 * "Summarize this discussion" on a thread page, and the page's thread digest as it streams: the
 * same digest as the panel on the page, whose links scroll the page to the comments.
 */
export function ThreadSection({
  thread,
  onAction,
  onFocusPost,
  onOpenOptions,
  onCopy,
}: {
  thread: ThreadView | null;
  onAction(action: ThreadAction): void;
  onFocusPost(key: string): Promise<boolean>;
  onOpenOptions(): void;
  onCopy(text: string): Promise<void>;
}) {
  return (
    <section className="thread" aria-labelledby="thread-heading">
      <h2 id="thread-heading" className="digest-title">
        {i18n.t('thread.popupHeading')}
      </h2>
      {/* Once a digest is shown, its own buttons go on from it (update, summarize again). */}
      {(thread === null || thread.status === 'nothing') && (
        <button type="button" className="primary" onClick={() => onAction('summarize')}>
          {i18n.t('thread.summarize')}
        </button>
      )}
      {thread && (
        <ThreadDigest
          view={thread}
          onAction={onAction}
          onFocusPost={onFocusPost}
          onOpenOptions={onOpenOptions}
          onCopy={onCopy}
        />
      )}
    </section>
  );
}
