import type { ReactNode } from 'react';
import { i18n } from '#i18n';
import type { OptionsNotice } from './types';

/**
 * The result of the last Save or Test connection. Progress and success go to a polite
 * status region that is always present; failures are alerts with the exact error.
 */
export function OptionsNoticeView({ notice }: { notice: OptionsNotice }) {
  const status = statusText(notice);
  return (
    <div className="notices">
      <p role="status" className={status ? `notice notice-${statusTone(notice)}` : 'notice-empty'}>
        {status}
      </p>
      <NoticeAlert notice={notice} />
    </div>
  );
}

function statusText(notice: OptionsNotice): string {
  switch (notice.kind) {
    case 'saving':
      return i18n.t('options.saving');
    case 'saved':
      return i18n.t('options.saved');
    case 'testing':
      return i18n.t('options.testing');
    case 'invalid':
      return i18n.t('options.invalidFields');
    case 'test':
      return notice.outcome.kind === 'ok' ? i18n.t('options.testOk', notice.outcome.models.length) : '';
    default:
      return '';
  }
}

function statusTone(notice: OptionsNotice): 'progress' | 'success' | 'warning' {
  if (notice.kind === 'saved' || notice.kind === 'test') return 'success';
  if (notice.kind === 'invalid') return 'warning';
  return 'progress';
}

function NoticeAlert({ notice }: { notice: OptionsNotice }) {
  switch (notice.kind) {
    case 'permission_denied':
      return (
        <Alert lead={i18n.t('options.permissionDenied')}>
          <Patterns patterns={notice.patterns} />
        </Alert>
      );
    case 'permission_failed':
      return (
        <Alert lead={i18n.t('options.permissionFailed')}>
          <Patterns patterns={notice.patterns} /> — {notice.detail}
        </Alert>
      );
    case 'save_failed':
      return <Alert lead={i18n.t('options.saveFailed')}>{notice.detail}</Alert>;
    case 'unreachable':
      return <Alert lead={i18n.t('options.unreachable')}>{notice.detail}</Alert>;
    case 'test': {
      const { outcome } = notice;
      if (outcome.kind === 'no_answer') return <Alert lead={i18n.t('options.noAnswer')} />;
      if (outcome.kind === 'bad_answer') return <Alert lead={i18n.t('options.badAnswer')} />;
      if (outcome.kind === 'failed') {
        const { code, message, status } = outcome.error;
        return (
          <Alert lead={i18n.t('options.testFailed')} detail={message} status={status}>
            {i18n.t(`error.${code}` as const)}
          </Alert>
        );
      }
      return null;
    }
    default:
      return null;
  }
}

/** Host patterns as code, comma-separated. */
function Patterns({ patterns }: { patterns: readonly string[] }) {
  return (
    <>
      {patterns.map((pattern, i) => (
        <span key={pattern}>
          {i > 0 && ', '}
          <code>{pattern}</code>
        </span>
      ))}
    </>
  );
}

function Alert({
  lead,
  detail,
  status = null,
  children,
}: {
  lead: string;
  /** Exact text from elsewhere (the provider, the browser), shown as is. */
  detail?: string;
  status?: number | null;
  children?: ReactNode;
}) {
  return (
    <div role="alert" className="notice notice-error">
      <p>
        <strong>{lead}</strong> {children}
      </p>
      {detail && (
        <p className="notice-detail" dir="auto">
          {detail}
        </p>
      )}
      {status !== null && <p className="notice-detail">{i18n.t('options.httpStatus', [String(status)])}</p>}
    </div>
  );
}
