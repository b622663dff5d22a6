import { i18n } from '#i18n';
import type { SourceRating } from '@/utils/core/evidence';
import { bcp47 } from '@/components/ui/boot';
import { CRED1 } from '@/utils/settings/rating-lists';

/**
 * A source's reliability as the reader's rating list has it: the level in words and colour
 * (never colour alone), and where the rating comes from and under which licence, both as the
 * tooltip and as text for screen readers.
 */
export function RatingChip({ rating }: { rating: SourceRating }) {
  const origin = ratingOrigin(rating);
  return (
    <span className={`chip rating-chip rating-${rating.level}`} title={origin}>
      {i18n.t(`sourceRatings.level.${rating.level}`)}
      <span className="visually-hidden"> ({origin})</span>
    </span>
  );
}

/** "Score 0.07 of 1 for example.com in the rating list CRED-1. Category: fake news. CRED-1 by …" */
function ratingOrigin(rating: SourceRating): string {
  const score = new Intl.NumberFormat(bcp47(i18n.t('@@ui_locale')), { maximumFractionDigits: 2 }).format(
    rating.score,
  );
  return [
    i18n.t('sourceRatings.chipScore', [score, rating.domain, rating.list]),
    rating.category ? i18n.t('sourceRatings.chipCategory', [categoryText(rating.category)]) : '',
    rating.list === CRED1.name
      ? i18n.t('sourceRatings.chipCreditCred1', [CRED1.author])
      : i18n.t('sourceRatings.chipCreditCustom', [rating.list]),
  ]
    .filter(Boolean)
    .join(' ');
}

/** CRED-1's categories in the reader's language; another list's word as it is. */
function categoryText(category: string): string {
  switch (category) {
    case 'fake':
    case 'unreliable':
    case 'mixed':
    case 'conspiracy':
    case 'satire':
    case 'reliable':
    case 'other':
      return i18n.t(`sourceRatings.category.${category}`);
    default:
      return category;
  }
}
