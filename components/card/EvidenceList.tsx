import { i18n } from '#i18n';
import type { EvidenceItem, EvidenceNotice } from '@/utils/core/evidence';
import { SourceLink } from './SourceLink';

/**
 * The sources the note could cite, numbered as the model saw them; late arrivals apart (the
 * note was written without them); and why a source is missing when the reader should know.
 */
export function EvidenceList({
  items,
  notices,
  onOpenOptions,
}: {
  items: EvidenceItem[];
  notices: EvidenceNotice[];
  onOpenOptions(): void;
}) {
  const given = items.filter((item) => !item.late);
  const late = items.filter((item) => item.late);
  if (items.length === 0 && notices.length === 0) return null;
  return (
    <section className="sources">
      <h2 className="section-title">{i18n.t('card.sources')}</h2>
      {given.length > 0 && <SourceItems items={given} />}
      {late.length > 0 && (
        <>
          <p className="sources-late">{i18n.t('card.lateSources')}</p>
          <SourceItems items={late} />
        </>
      )}
      {notices.map((notice, i) => (
        <p className="evidence-notice" key={i}>
          {i18n.t(`evidenceNotice.${notice.code}`, [i18n.t(`evidenceKind.${notice.kind}`)])}
          {notice.code === 'permission_denied' || notice.code === 'not_configured' ? (
            <>
              {' '}
              <button type="button" className="text-button" onClick={onOpenOptions}>
                {i18n.t('card.openOptions')}
              </button>
            </>
          ) : null}
        </p>
      ))}
    </section>
  );
}

function SourceItems({ items }: { items: EvidenceItem[] }) {
  return (
    <ol className="source-list">
      {items.map((item) => (
        <li key={item.id} className="source">
          <span className="source-id">{item.id}</span>
          <span className="source-text">
            <SourceLink url={item.url}>{item.title || item.url}</SourceLink>
            <span className="source-publisher">
              {item.publisher}
              {item.review ? ` · ${item.review.rating}` : ''}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
