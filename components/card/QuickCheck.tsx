import { i18n } from '#i18n';
import type { Triage } from '@/utils/core/triage';
import { ClassificationChip } from './chips';

/**
 * What triage said of the post as the reader scrolled past it: a quick check from its text
 * alone, shown until the full note (with claims and evidence) is written.
 */
export function QuickCheck({ triage }: { triage: Triage }) {
  return (
    <section className="quick-check">
      <h2 className="section-title">{i18n.t('card.quickCheck')}</h2>
      {triage.injection_detected && (
        <p className="injection" role="note">
          {i18n.t('card.injection')}
        </p>
      )}
      <p className="quick-check-verdict">
        <ClassificationChip value={triage.classification} />
        {triage.reason && <span dir="auto">{triage.reason}</span>}
      </p>
      <p className="quick-check-hint">{i18n.t('card.quickCheckHint')}</p>
    </section>
  );
}
