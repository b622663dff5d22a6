import { i18n } from '#i18n';

/** Shown by the pages' error boundary: a translated headline and the technical detail. */
export function PageError({ error }: { error: unknown }) {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="notice notice-error page-error">
      <p>
        <strong>{i18n.t('error.internal')}</strong>
      </p>
      {detail && <p className="notice-detail">{detail}</p>}
    </div>
  );
}
