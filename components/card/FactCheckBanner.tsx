import { i18n } from '#i18n';
import type { EvidenceItem } from '@/utils/core/evidence';
import { bcp47 } from '@/components/ui/boot';
import { SourceLink } from './SourceLink';

/** An existing professional fact-check of this claim: on top, before anything the model wrote. */
export function FactCheckBanner({ item }: { item: EvidenceItem }) {
  if (!item.review) return null;
  const date = formatDate(item.review.reviewedAt);
  return (
    <section className="fact-check" aria-label={i18n.t('card.factCheck')}>
      <p className="fact-check-title">{i18n.t('card.checkedBy', [item.publisher, item.review.rating])}</p>
      <p className="fact-check-claim">{item.review.claim}</p>
      <p className="fact-check-meta">
        <SourceLink url={item.url}>{item.title || item.url}</SourceLink>
        {date && <span> · {date}</span>}
      </p>
    </section>
  );
}

/** The review date in the reader's locale ("28 de nov. de 2026"); nothing for a bad date. */
function formatDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(bcp47(i18n.t('@@ui_locale')), { dateStyle: 'medium' }).format(date);
}
