import { useEffect, useId, useRef, useState } from 'react';
import { i18n } from '#i18n';
import { bcp47 } from '../ui/boot';
import { formatHandle, shortExcerpt } from '../popup/post-format';
import type { ClearStep, HistoryEntry, HistoryNotice, HistoryState } from './types';

/** Entries shown at first, and added by each "Show more". */
export const HISTORY_PAGE_SIZE = 50;

export interface NotesHistoryProps {
  history: HistoryState;
  clearStep: ClearStep;
  notice: HistoryNotice;
  /** Move focus to this button whenever the token changes. */
  focus: { target: 'clear' | 'cancel'; token: number } | null;
  onExport(format: 'json' | 'markdown'): void;
  onAskClear(): void;
  onCancelClear(): void;
  onConfirmClear(): void;
}

/** Dates in the UI language, e.g. "12 Nov 2026, 14:05" / "12 de nov. de 2026 14:05". */
export function historyDateFormat(): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(bcp47(i18n.t('@@ui_locale')), { dateStyle: 'medium', timeStyle: 'short' });
}

/** An http(s) URL as a link target; anything else is not linked. */
function postHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * "Notes history": the cached notes, most recent first, with exports and "Clear cache" (which
 * asks first, in the page). Notes are model output and posts come from web pages: everything
 * is rendered as text; the only link is the post's own http(s) address.
 */
export function NotesHistory(props: NotesHistoryProps) {
  const { history, clearStep, notice, focus } = props;
  const headingId = useId();
  const questionId = useId();
  const clearRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState(HISTORY_PAGE_SIZE);

  useEffect(() => {
    if (!focus) return;
    (focus.target === 'cancel' ? cancelRef : clearRef).current?.focus();
  }, [focus]);

  const notes = history.kind === 'ready' ? history.notes : [];
  const empty = notes.length === 0;
  const format = historyDateFormat();

  return (
    <section className="card history" aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n.t('options.history.heading')}</h2>
      <p className="hint history-intro">{i18n.t('options.history.intro')}</p>

      {history.kind === 'loading' && (
        <p role="status" className="notice notice-progress">
          {i18n.t('options.history.loading')}
        </p>
      )}
      {history.kind === 'failed' && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>{i18n.t('options.history.loadFailed')}</strong> {history.detail}
          </p>
        </div>
      )}
      {history.kind === 'ready' && (
        <p className="history-count">
          {empty ? i18n.t('options.history.empty') : i18n.t('options.history.count', notes.length)}
        </p>
      )}

      <div className="actions history-actions">
        <button type="button" className="secondary" disabled={empty} onClick={() => props.onExport('json')}>
          {i18n.t('options.history.exportJson')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={empty}
          onClick={() => props.onExport('markdown')}
        >
          {i18n.t('options.history.exportMarkdown')}
        </button>
        {clearStep === 'idle' && (
          <button ref={clearRef} type="button" className="secondary" onClick={props.onAskClear}>
            {i18n.t('options.history.clear')}
          </button>
        )}
      </div>

      {clearStep !== 'idle' && (
        <div
          role="group"
          aria-labelledby={questionId}
          className="confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && clearStep === 'confirming') {
              e.preventDefault();
              props.onCancelClear();
            }
          }}
        >
          <p id={questionId} className="confirm-question">
            {i18n.t('options.history.confirmQuestion', notes.length)}
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              aria-disabled={clearStep === 'clearing'}
              onClick={() => clearStep === 'confirming' && props.onConfirmClear()}
            >
              {clearStep === 'clearing'
                ? i18n.t('options.history.clearing')
                : i18n.t('options.history.confirmClear')}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className="secondary"
              aria-disabled={clearStep === 'clearing'}
              onClick={() => clearStep === 'confirming' && props.onCancelClear()}
            >
              {i18n.t('options.history.cancel')}
            </button>
          </div>
        </div>
      )}

      <HistoryNoticeView notice={notice} />

      {!empty && (
        <>
          <ol className="history-list">
            {notes.slice(0, shown).map((entry) => (
              <HistoryItem key={`${entry.post.key}|${entry.meta.createdAt}`} entry={entry} format={format} />
            ))}
          </ol>
          {notes.length > shown && (
            <button
              type="button"
              className="secondary"
              onClick={() => setShown((n) => n + HISTORY_PAGE_SIZE)}
            >
              {i18n.t('options.history.showMore', notes.length - shown)}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function HistoryNoticeView({ notice }: { notice: HistoryNotice }) {
  const status =
    notice.kind === 'cleared'
      ? i18n.t('options.history.cleared')
      : notice.kind === 'exported'
        ? i18n.t('options.history.exported', [notice.fileName])
        : '';
  return (
    <div className="notices">
      <p role="status" className={status ? 'notice notice-success' : 'notice-empty'}>
        {status}
      </p>
      {(notice.kind === 'clear_failed' || notice.kind === 'export_failed') && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>
              {notice.kind === 'clear_failed'
                ? i18n.t('options.history.clearFailed')
                : i18n.t('options.history.exportFailed')}
            </strong>{' '}
            <span dir="auto">{notice.detail}</span>
          </p>
        </div>
      )}
    </div>
  );
}

function HistoryItem({ entry, format }: { entry: HistoryEntry; format: Intl.DateTimeFormat }) {
  const { post, note, meta } = entry;
  const handle = formatHandle(post.handle);
  const excerpt = shortExcerpt(post.text);
  const href = postHref(post.url);
  const titleId = useId();
  const imageTokens = meta.images?.estimatedTokens ?? 0;
  return (
    <li className="history-item">
      <article aria-labelledby={titleId}>
        <p className="history-head">
          <span id={titleId} className="history-author">
            <span className="author-name" dir="auto">
              {post.authorName || handle}
            </span>
            {handle && post.authorName && (
              <>
                {' '}
                <span className="author-handle" dir="auto">
                  {handle}
                </span>
              </>
            )}
          </span>
          <time className="history-date" dateTime={new Date(meta.createdAt).toISOString()}>
            {format.format(meta.createdAt)}
          </time>
        </p>
        {excerpt && (
          <p className="history-excerpt" dir="auto">
            {excerpt}
          </p>
        )}
        <p className="history-classification">
          <span className={`classification classification-${note.classification}`}>
            {i18n.t(`classification.${note.classification}` as const)}
          </span>
          {imageTokens > 0 && (
            <span className="history-images">
              {i18n.t('images.tokens', [imageTokens.toLocaleString(bcp47(i18n.t('@@ui_locale')))])}
            </span>
          )}
        </p>
        {note.summary && (
          <p className="history-summary" dir="auto">
            <span className="visually-hidden">{i18n.t('options.history.summary')}: </span>
            {note.summary}
          </p>
        )}
        {href && (
          <p className="history-link">
            <a href={href} target="_blank" rel="noopener noreferrer">
              {i18n.t('options.history.openPost')}
              <span className="visually-hidden">
                {' '}
                {i18n.t('options.history.openPostBy', [post.authorName || handle])}
              </span>
            </a>
          </p>
        )}
      </article>
    </li>
  );
}
