import { useId, useRef } from 'react';
import { i18n } from '#i18n';
import type { SettingsPart } from '../../utils/settings/settings-transfer';
import type { TransferNotice } from './types';

export interface SettingsTransferProps {
  includeKeys: boolean;
  notice: TransferNotice;
  onIncludeKeysChange(include: boolean): void;
  onExport(): void;
  onImport(file: File): void;
  /** Called from the click (a user gesture): asks for the permissions an import still needs. */
  onAllowPending(): void;
}

export function partName(part: SettingsPart): string {
  switch (part) {
    case 'provider':
      return i18n.t('options.transfer.part.provider');
    case 'answerLanguage':
      return i18n.t('options.transfer.part.answerLanguage');
    case 'dailyTokenBudget':
      return i18n.t('options.transfer.part.dailyTokenBudget');
    case 'sites':
      return i18n.t('options.transfer.part.sites');
    case 'evidence':
      return i18n.t('options.transfer.part.evidence');
    case 'keys':
      return i18n.t('options.transfer.part.keys');
  }
}

/** "Export and import settings": one JSON file; the keys only when asked for. */
export function SettingsTransfer(props: SettingsTransferProps) {
  const { includeKeys, notice } = props;
  const headingId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <section id="transfer" className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n.t('options.transfer.heading')}</h2>
      <p className="hint section-intro">{i18n.t('options.transfer.intro')}</p>

      <div className="checkbox-field">
        <input
          id="include-keys"
          type="checkbox"
          checked={includeKeys}
          aria-describedby="include-keys-hint"
          onChange={(e) => props.onIncludeKeysChange(e.currentTarget.checked)}
        />
        <div>
          <label htmlFor="include-keys">{i18n.t('options.transfer.includeKeys')}</label>
          <p id="include-keys-hint" className="hint">
            {i18n.t('options.transfer.includeKeysHint')}
          </p>
        </div>
      </div>

      <div className="actions">
        <button type="button" className="secondary" onClick={props.onExport}>
          {i18n.t('options.transfer.export')}
        </button>
        <button type="button" className="secondary" onClick={() => fileRef.current?.click()}>
          {i18n.t('options.transfer.import')}
        </button>
        <input
          ref={fileRef}
          id="import-file"
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = ''; // the same file can be chosen again
            if (file) props.onImport(file);
          }}
        />
      </div>
      <TransferNoticeView notice={notice} onAllowPending={props.onAllowPending} />
    </section>
  );
}

function statusText(notice: TransferNotice): string {
  switch (notice.kind) {
    case 'exported':
      return i18n.t('options.transfer.exported', [notice.fileName]);
    case 'reading':
      return i18n.t('options.transfer.reading');
    case 'imported':
      return `${i18n.t('options.transfer.imported')} ${notice.parts.map(partName).join(', ')}.`;
    default:
      return '';
  }
}

function rejectionText(outcome: Extract<TransferNotice, { kind: 'rejected' }>['outcome']): string {
  switch (outcome.kind) {
    case 'not_json':
      return i18n.t('options.transfer.rejected.notJson');
    case 'not_settings':
      return i18n.t('options.transfer.rejected.notSettings');
    case 'newer_version':
      return i18n.t('options.transfer.rejected.newerVersion', [String(outcome.version)]);
    case 'too_large':
      return i18n.t('options.transfer.rejected.tooLarge');
    case 'empty':
      return i18n.t('options.transfer.rejected.empty');
    case 'invalid':
      return i18n.t('options.transfer.rejected.invalid');
  }
}

function TransferNoticeView({ notice, onAllowPending }: { notice: TransferNotice; onAllowPending(): void }) {
  const status = statusText(notice);
  return (
    <div className="notices section-notices">
      <p
        role="status"
        className={
          status ? `notice notice-${notice.kind === 'reading' ? 'progress' : 'success'}` : 'notice-empty'
        }
      >
        {status}
      </p>
      {notice.kind === 'rejected' && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>{i18n.t('options.transfer.rejectedLead')}</strong> {rejectionText(notice.outcome)}
          </p>
          {notice.outcome.kind === 'invalid' && (
            <ul className="field-list">
              {notice.outcome.fields.map((field) => (
                <li key={field}>
                  <code>{field}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {(notice.kind === 'import_failed' || notice.kind === 'export_failed') && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>
              {notice.kind === 'import_failed'
                ? i18n.t('options.transfer.importFailed')
                : i18n.t('options.transfer.exportFailed')}
            </strong>{' '}
            <span dir="auto">{notice.detail}</span>
          </p>
        </div>
      )}
      {notice.kind === 'imported' && (notice.pending.length > 0 || notice.permission === 'granted') && (
        <PendingPermissions notice={notice} onAllowPending={onAllowPending} />
      )}
    </div>
  );
}

function PendingPermissions({
  notice,
  onAllowPending,
}: {
  notice: Extract<TransferNotice, { kind: 'imported' }>;
  onAllowPending(): void;
}) {
  if (notice.permission === 'granted') {
    return <p className="notice notice-success">{i18n.t('options.transfer.allowed')}</p>;
  }
  return (
    <div className="notice notice-warning">
      <p>{i18n.t('options.transfer.pending')}</p>
      <ul className="field-list">
        {notice.pending.map((pattern) => (
          <li key={pattern}>
            <code>{pattern}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          className="primary"
          aria-disabled={notice.permission === 'asking'}
          onClick={onAllowPending}
        >
          {i18n.t('options.transfer.allow')}
        </button>
      </div>
      {notice.permission === 'denied' && <p role="alert">{i18n.t('options.transfer.denied')}</p>}
      {notice.permission === 'failed' && <p role="alert">{i18n.t('options.transfer.allowFailed')}</p>}
    </div>
  );
}
