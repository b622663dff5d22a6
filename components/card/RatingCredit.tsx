import { i18n } from '#i18n';
import { CRED1 } from '@/utils/settings/rating-lists';

/**
 * Credits the rating list wherever its ratings show, as CC BY 4.0 asks of CRED-1: its name, its
 * author and the licence, linked. Another list is named by the host it comes from.
 */
export function RatingCredit({ list }: { list: string }) {
  if (list !== CRED1.name)
    return <p className="rating-credit">{i18n.t('sourceRatings.attributionCustom', [list])}</p>;
  return (
    <p className="rating-credit">
      {i18n.t('sourceRatings.attributionLabel')}{' '}
      <a href={CRED1.homepage} target="_blank" rel="noopener noreferrer">
        {CRED1.name}
      </a>{' '}
      {i18n.t('sourceRatings.attributionBy', [CRED1.author])},{' '}
      <a href={CRED1.licenceUrl} target="_blank" rel="noopener noreferrer">
        {CRED1.licence}
      </a>
    </p>
  );
}
