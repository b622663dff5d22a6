import { useId } from 'react';
import { i18n } from '#i18n';
import { POST_FILTERS, type PostFilter } from './post-filter';

function filterName(filter: PostFilter): string {
  switch (filter) {
    case 'all':
      return i18n.t('popup.filter.all');
    case 'note':
      return i18n.t('popup.filter.note');
    case 'flagged':
      return i18n.t('popup.filter.flagged');
  }
}

export interface PostFilterControlProps {
  value: PostFilter;
  counts: Record<PostFilter, number>;
  onChange(filter: PostFilter): void;
}

/**
 * "All / Has note / Flagged" as a segmented control: native radio buttons in a fieldset, so
 * Tab reaches the group once and the arrow keys move between the choices.
 */
export function PostFilterControl({ value, counts, onChange }: PostFilterControlProps) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{i18n.t('popup.filter.label')}</legend>
      {POST_FILTERS.map((filter) => (
        <label key={filter} className="segment">
          <input
            type="radio"
            name={name}
            value={filter}
            checked={value === filter}
            onChange={() => onChange(filter)}
          />
          <span className="segment-name">{filterName(filter)}</span>{' '}
          <span className="segment-count">{counts[filter]}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** What an empty filtered list says. */
export function emptyFilterText(filter: Exclude<PostFilter, 'all'>): string {
  return filter === 'note' ? i18n.t('popup.filter.noneWithNote') : i18n.t('popup.filter.noneFlagged');
}
