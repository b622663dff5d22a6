import { i18n } from '#i18n';
import type { Claim } from '@/utils/core/note-schema';
import type { EvidenceItem } from '@/utils/core/evidence';
import { ConfidenceMeter, VerdictChip } from './chips';
import { SourceLink } from './SourceLink';

/** One check-worthy claim: the post's words, the verdict, and why (with its sources). */
export function ClaimItem({ claim, evidence }: { claim: Partial<Claim>; evidence: EvidenceItem[] }) {
  // Only IDs of evidence Footnote gathered become links; the rules dropped any other already.
  const cited = (claim.citations ?? []).flatMap((id) => evidence.filter((item) => item.id === id));
  return (
    <li className="claim">
      {claim.quote && <blockquote className="quote">{claim.quote}</blockquote>}
      {claim.claim && <p className="claim-text">{claim.claim}</p>}
      <div className="claim-verdict">
        {claim.verdict && <VerdictChip value={claim.verdict} />}
        {claim.confidence !== undefined && <ConfidenceMeter value={claim.confidence} />}
        {cited.map((item) => (
          <span key={item.id} className="citation">
            <SourceLink
              url={item.url}
              label={i18n.t('card.citation', [item.id, item.title || item.publisher])}
            >
              {item.id}
            </SourceLink>
          </span>
        ))}
      </div>
      {claim.explanation && <p className="explanation">{claim.explanation}</p>}
      {claim.basis && claim.verdict && (
        <details className="why">
          <summary>{i18n.t('card.whyVerdict')}</summary>
          <p>{i18n.t(`basis.${claim.basis}`)}</p>
          {cited.length > 0 && (
            <ul className="why-sources">
              {cited.map((item) => (
                <li key={item.id}>
                  {item.id}: <SourceLink url={item.url}>{item.title || item.url}</SourceLink> (
                  {item.publisher})
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
    </li>
  );
}
