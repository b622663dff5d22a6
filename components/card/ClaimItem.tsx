import { i18n } from '#i18n';
import type { Claim, Support } from '@/utils/core/note-schema';
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
      {claim.support && claim.support.length > 0 && (
        <SupportSpans support={claim.support} evidence={evidence} />
      )}
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

/**
 * The evidence's own words behind the verdict, each found by Footnote in the page it fetched
 * (note-rules.ts drops any it could not find): "E2 says: “…”", linked to the source.
 */
function SupportSpans({ support, evidence }: { support: Support[]; evidence: EvidenceItem[] }) {
  return (
    <ul className="support">
      {support.map((span, i) => {
        const item = evidence.find((candidate) => candidate.id === span.evidence);
        return (
          <li key={i}>
            <span className="support-source">
              {item ? (
                <SourceLink
                  url={item.url}
                  label={i18n.t('card.citation', [item.id, item.title || item.publisher])}
                >
                  {i18n.t('card.spanSays', [span.evidence])}
                </SourceLink>
              ) : (
                i18n.t('card.spanSays', [span.evidence])
              )}
            </span>{' '}
            <q className="support-text" aria-label={i18n.t('card.spanLabel', [span.evidence])}>
              {span.text}
            </q>
          </li>
        );
      })}
    </ul>
  );
}
