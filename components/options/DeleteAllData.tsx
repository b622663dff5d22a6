import { useEffect, useId, useRef } from 'react';
import { i18n } from '#i18n';

/** "Delete all Footnote data" asks first, in the page: idle → confirming → deleting → idle. */
export type DeleteAllStep = 'idle' | 'confirming' | 'deleting';

/** The outcome of the last deletion, shown under the page's heading whichever page follows. */
export type DeleteAllNotice = { kind: 'none' } | { kind: 'deleted' } | { kind: 'failed'; detail: string };

export interface DeleteAllDataProps {
  step: DeleteAllStep;
  /** Move focus to this button whenever the token changes. */
  focus: { target: 'delete' | 'cancel'; token: number } | null;
  onAsk(): void;
  onCancel(): void;
  onConfirm(): void;
}

/**
 * "Delete all Footnote data": a button, then a question in the page that says what goes and
 * that it cannot be undone. Focus starts on Cancel, the choice that loses nothing; Esc cancels.
 */
export function DeleteAllData({ step, focus, onAsk, onCancel, onConfirm }: DeleteAllDataProps) {
  const headingId = useId();
  const questionId = useId();
  const whatId = useId();
  const deleteRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!focus) return;
    (focus.target === 'cancel' ? cancelRef : deleteRef).current?.focus();
  }, [focus]);

  return (
    <section className="card delete-all" aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n.t('privacy.deleteAll.heading')}</h2>
      <p className="hint">{i18n.t('privacy.deleteAll.intro')}</p>

      {step === 'idle' ? (
        <div className="actions">
          <button ref={deleteRef} type="button" className="secondary" onClick={onAsk}>
            {i18n.t('privacy.deleteAll.button')}
          </button>
        </div>
      ) : (
        <div
          role="group"
          aria-labelledby={questionId}
          aria-describedby={whatId}
          className="confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && step === 'confirming') {
              e.preventDefault();
              onCancel();
            }
          }}
        >
          <p id={questionId} className="confirm-question">
            {i18n.t('privacy.deleteAll.question')}
          </p>
          <p id={whatId}>{i18n.t('privacy.deleteAll.what')}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              aria-disabled={step === 'deleting'}
              onClick={() => step === 'confirming' && onConfirm()}
            >
              {step === 'deleting'
                ? i18n.t('privacy.deleteAll.deleting')
                : i18n.t('privacy.deleteAll.confirm')}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className="secondary"
              aria-disabled={step === 'deleting'}
              onClick={() => step === 'confirming' && onCancel()}
            >
              {i18n.t('privacy.deleteAll.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * What the deletion did, under the page's heading: there in the settings and in the first-run
 * guide that follows a deletion. The status region is always in the page, so its text is announced.
 */
export function DeleteAllResult({ notice }: { notice: DeleteAllNotice }) {
  return (
    <div className="notices">
      <p role="status" className={notice.kind === 'deleted' ? 'notice notice-success' : 'notice-empty'}>
        {notice.kind === 'deleted' ? i18n.t('privacy.deleteAll.deleted') : ''}
      </p>
      {notice.kind === 'failed' && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>{i18n.t('privacy.deleteAll.failed')}</strong> <span dir="auto">{notice.detail}</span>
          </p>
        </div>
      )}
    </div>
  );
}
