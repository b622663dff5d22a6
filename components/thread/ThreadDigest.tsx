import { useState, type ReactNode } from 'react';
import { i18n } from '#i18n';
import type { Digest, ThreadView } from '@/utils/core/thread';
import { ErrorPanel } from '../card/ErrorPanel';
import { SourceLink } from '../card/SourceLink';
import { coverage, digestAsMarkdown, type Translate } from './digest-markdown';
import type { ThreadAction } from './thread-view';

export interface ThreadDigestProps {
  view: ThreadView;
  /** Cancel, Update, Summarize again, and Retry after an error. */
  onAction(action: ThreadAction): void;
  /** A point's link back: the page scrolls to the comment; false when it is no longer there. */
  onFocusPost(key: string): Promise<boolean>;
  onOpenOptions(): void;
  /** Puts text on the clipboard; rejects when that is not allowed. */
  onCopy(text: string): Promise<void>;
}

/** i18n.t with keys and plurals the digest names at run time (every one exists: i18n-keys.test). */
const translate = i18n.t as Translate;

/**
 * A thread digest, in the page's panel and in the popup alike: where it is, its sections with
 * links back to the comments each point draws on, what it is based on, and what can be done
 * next. Model output and post data are rendered as text only.
 */
export function ThreadDigest({ view, onAction, onFocusPost, onOpenOptions, onCopy }: ThreadDigestProps) {
  /** The comment a link could not find on the page: its link is offered instead. */
  const [gone, setGone] = useState<string | null>(null);
  const goTo = (key: string) =>
    void onFocusPost(key).then(
      (found) => setGone(found ? null : key),
      () => setGone(key),
    );
  const running = view.status === 'running';
  const gonePost = gone ? view.cited[gone] : undefined;
  return (
    <div className="thread-digest" aria-busy={running}>
      <p className="thread-status" role="status">
        {statusText(view)}
      </p>
      {running && (
        <button type="button" className="text-button" onClick={() => onAction('cancel')}>
          {i18n.t('thread.cancel')}
        </button>
      )}
      {gonePost && (
        <p className="thread-gone" role="status">
          {i18n.t('thread.gone', [gonePost.author])}{' '}
          <SourceLink url={gonePost.url}>{i18n.t('thread.openComment')}</SourceLink>
        </p>
      )}
      {view.digest && <DigestSections digest={view.digest} cited={view.cited} onGoTo={goTo} />}
      {view.status === 'error' && view.error && (
        <ErrorPanel error={view.error} onOpenOptions={onOpenOptions} onRetry={() => onAction('summarize')} />
      )}
      {view.meta && <p className="thread-coverage">{coverage(view.meta, translate).join(' ')}</p>}
      {!running && view.status !== 'nothing' && (
        <DigestFooter view={view} onAction={onAction} onCopy={onCopy} />
      )}
    </div>
  );
}

function statusText(view: ThreadView): string {
  switch (view.status) {
    case 'running': {
      const progress = view.progress;
      if (!progress) return i18n.t('thread.collecting');
      if (progress.merging) return i18n.t('thread.merging');
      if (progress.total <= 1) return i18n.t('thread.summarizing');
      return i18n.t('thread.chunk', [
        String(Math.min(progress.done + 1, progress.total)),
        String(progress.total),
      ]);
    }
    case 'done':
      return i18n.t('thread.done');
    case 'cancelled':
      return i18n.t('thread.cancelled');
    case 'nothing':
      return i18n.t('thread.nothing');
    case 'error':
      return ''; // the alert says it
  }
}

type GoTo = (key: string) => void;

function DigestSections({
  digest,
  cited,
  onGoTo,
}: {
  digest: Digest;
  cited: ThreadView['cited'];
  onGoTo: GoTo;
}) {
  const refs = (keys: string[]) => <PostLinks keys={keys} cited={cited} onGoTo={onGoTo} />;
  return (
    <>
      {digest.about && (
        <section className="thread-section">
          <h3 className="section-title">{i18n.t('thread.about')}</h3>
          <p>{digest.about}</p>
        </section>
      )}
      <PointList title={i18n.t('thread.positions')}>
        {digest.positions.map((p, i) => (
          <li key={i} className="thread-point">
            <p>
              {p.point} <span className="support">({translate(`thread.support.${p.support}`)})</span>
            </p>
            {refs(p.posts)}
          </li>
        ))}
      </PointList>
      <PointList title={i18n.t('thread.disputed')}>
        {digest.disputed.map((d, i) => (
          <li key={i} className="thread-point">
            <p>{d.claim}</p>
            <p className="thread-sides">{i18n.t('thread.sides', [d.sides])}</p>
            {refs(d.posts)}
          </li>
        ))}
      </PointList>
      <PointList title={i18n.t('thread.sourced')}>
        {digest.sourced.map((s, i) => (
          <li key={i} className="thread-point">
            <p>{s.point}</p>
            {refs(s.posts)}
          </li>
        ))}
      </PointList>
      <PointList title={i18n.t('thread.questions')}>
        {digest.questions.map((q, i) => (
          <li key={i} className="thread-point">
            <p>{q.question}</p>
            {refs(q.posts)}
          </li>
        ))}
      </PointList>
    </>
  );
}

/** A section of points; none while the digest has none of that kind (yet). */
function PointList({ title, children }: { title: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <section className="thread-section">
      <h3 className="section-title">{title}</h3>
      <ul className="thread-points">{children}</ul>
    </section>
  );
}

/** The comments a point draws on, by author: each scrolls the page to its comment. */
function PostLinks({ keys, cited, onGoTo }: { keys: string[]; cited: ThreadView['cited']; onGoTo: GoTo }) {
  const known = keys.filter((key) => cited[key]);
  if (known.length === 0) return null;
  return (
    <p className="thread-refs">
      {known.map((key) => (
        <button
          key={key}
          type="button"
          className="ref-button"
          aria-label={i18n.t('thread.goTo', [cited[key]!.author])}
          onClick={() => onGoTo(key)}
        >
          {cited[key]!.author}
        </button>
      ))}
    </p>
  );
}

function DigestFooter({
  view,
  onAction,
  onCopy,
}: {
  view: ThreadView;
  onAction(action: ThreadAction): void;
  onCopy(text: string): Promise<void>;
}) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () =>
    onCopy(digestAsMarkdown(view, translate)).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  return (
    <div className="thread-footer">
      {view.meta && (
        <span className="meta">
          {view.meta.model}
          {view.meta.fromCache && ` · ${i18n.t('thread.fromCache')}`}
        </span>
      )}
      <span className="thread-actions">
        {view.newPosts > 0 && (
          <button type="button" className="action-button" onClick={() => onAction('update')}>
            {i18n.t('thread.update', view.newPosts)}
          </button>
        )}
        <button type="button" className="text-button" onClick={() => onAction('refresh')}>
          {i18n.t('thread.refresh')}
        </button>
        {view.digest && (
          <button type="button" className="text-button" onClick={() => void copy()}>
            {i18n.t('thread.copy')}
          </button>
        )}
      </span>
      <span className="visually-hidden" role="status">
        {copied === 'copied'
          ? i18n.t('thread.copied')
          : copied === 'failed'
            ? i18n.t('thread.copyFailed')
            : ''}
      </span>
    </div>
  );
}
