import { i18n } from '#i18n';
import type { EvidenceItem, EvidenceNotice } from '@/utils/core/evidence';
import type { LinkRating } from '@/utils/core/note-meta';
import { RatingChip } from './RatingChip';
import { RatingCredit } from './RatingCredit';
import { SourceLink } from './SourceLink';

/**
 * The sources the note could cite, numbered as the model saw them; late arrivals apart (the
 * note was written without them); the post's own links the reader's rating list rates; and why
 * a source is missing when the reader should know.
 */
export function EvidenceList({
  items,
  notices,
  linkRatings = [],
  onOpenOptions,
}: {
  items: EvidenceItem[];
  notices: EvidenceNotice[];
  /** The post's links with a rating (meta.linkRatings). */
  linkRatings?: LinkRating[];
  onOpenOptions(): void;
}) {
  const given = items.filter((item) => !item.late);
  const late = items.filter((item) => item.late);
  const ratedBy = items.find((item) => item.rating)?.rating?.list ?? linkRatings[0]?.rating.list;
  if (items.length === 0 && notices.length === 0 && linkRatings.length === 0) return null;
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
      {linkRatings.length > 0 && <RatedLinks links={linkRatings} />}
      {ratedBy && <RatingCredit list={ratedBy} />}
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
              {item.rating && (
                <>
                  {' '}
                  <RatingChip rating={item.rating} />
                </>
              )}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The post's own links, by host: as text, since Footnote did not fetch them (the card links only
 * pages it fetched).
 */
function RatedLinks({ links }: { links: LinkRating[] }) {
  return (
    <div className="rated-links">
      <span className="rated-links-title">{i18n.t('sourceRatings.linksInPost')}</span>
      <ul className="rated-links-list">
        {links.map(({ url, rating }, i) => (
          <li key={i} className="rated-link">
            <span className="rated-link-host">{hostOf(url) ?? rating.domain}</span>{' '}
            <RatingChip rating={rating} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
