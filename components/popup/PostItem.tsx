import { i18n } from '#i18n';
import type { PostListItem } from '../../utils/messaging/popup-protocol';
import type { NoteError } from '../../utils/core/note-error';
import type { Triage } from '../../utils/core/triage';
import { PostNote } from './PostNote';
import { StatusChip } from './StatusChip';
import { formatHandle, shortExcerpt } from './post-format';
import { triageFlag, triageFlagText } from '../triage/triage-flag';

function errorTitle(error: NoteError): string {
  return i18n.t(`error.${error.code}` as const);
}

export interface PostItemProps {
  post: PostListItem;
  /** Opened from this post's card ("open in popup"): shown first and marked. */
  focused?: boolean;
  /** Ask the page to open this post's card (and request its note). */
  onOpen(key: string): void;
}

/**
 * One detected post: who, what, the note's state, and the note when there is one (before it,
 * what triage flagged in it).
 */
export function PostItem({ post, focused = false, onOpen }: PostItemProps) {
  const handle = formatHandle(post.handle);
  const excerpt = shortExcerpt(post.excerpt);
  return (
    <li className={focused ? 'post focused' : 'post'} aria-current={focused ? 'true' : undefined}>
      <button type="button" className="post-open" onClick={() => onOpen(post.key)}>
        <span className="post-head">
          <span className="post-author">
            <span className="author-name" dir="auto">
              {post.authorName || handle}
            </span>
            {handle && post.authorName && <span className="author-handle">{handle}</span>}
          </span>
          <StatusChip status={post.status} />
        </span>
        {excerpt && (
          <span className="post-excerpt" dir="auto">
            {excerpt}
          </span>
        )}
      </button>
      {post.status === 'done' && post.note ? (
        <PostNote note={post.note} />
      ) : (
        post.triage && <TriageFlagLine triage={post.triage} />
      )}
      {post.status === 'error' && post.error && (
        <p className="post-error">
          <strong>{errorTitle(post.error)}</strong> <span dir="auto">{post.error.message}</span>
        </p>
      )}
    </li>
  );
}

/** What triage flagged in the post ("Quick check: may be misleading" and why); nothing if not flagged. */
function TriageFlagLine({ triage }: { triage: Triage }) {
  const flag = triageFlag(triage);
  if (!flag) return null;
  return (
    <p className="post-triage">
      <strong>{i18n.t('popup.quickCheck', [triageFlagText(flag)])}</strong>{' '}
      <span dir="auto">{triage.reason}</span>
    </p>
  );
}
