import type { ReactNode } from 'react';
import { i18n } from '#i18n';
import type { RatingListStatus } from '../../utils/settings/rating-list-items';
import { ratingListAddress, ratingListName } from '../../utils/settings/rating-lists';
import { RatingCredit } from '../card/RatingCredit';
import { Switch } from '../ui/Switch';
import { historyDateFormat } from './NotesHistory';
import { TextField } from './TextField';
import { FIELD_IDS } from './fields';
import type { LinksNotice } from './types';
import { PermissionMessage } from './PermissionMessage';

/** What the options page knows of the list (rating-list-store), with its actions. */
export interface SourceRatingsProps {
  status: RatingListStatus | null;
  /** The switch's permission prompt. */
  permission: LinksNotice;
  updating: boolean;
  updateFailed: string | null;
  /** Called from the switch's change event (a user gesture: it may ask for the list's host). */
  onToggle(on: boolean): void;
  onUpdate(): void;
}

export interface SourceRatingsFieldProps extends SourceRatingsProps {
  /** Form values: the switch and the list's address (saved with Save). */
  on: boolean;
  listUrl: string;
  urlError: string | null;
  /** What the switch does and what it sends (the section's words for every source). */
  hint: ReactNode;
  onListUrlChange(value: string): void;
}

/**
 * "Source ratings": off by default. The list's address (empty for CRED-1) can be chosen before
 * switching on, so the switch asks for the right host; on, what the background last said about
 * the list and "Update now"; always, the list's credit.
 */
export function SourceRatingsField(props: SourceRatingsFieldProps) {
  const address = ratingListAddress(props.listUrl);
  return (
    <>
      <Switch
        id="evidence-source-ratings"
        label={i18n.t('sourceRatings.options.label')}
        checked={props.on}
        busy={props.permission.kind === 'asking'}
        hint={props.hint}
        message={
          <PermissionMessage
            notice={props.permission}
            asking={i18n.t('sourceRatings.options.asking')}
            denied={i18n.t('sourceRatings.options.denied', [ratingListName(address)])}
            failed={i18n.t('sourceRatings.options.failed')}
          />
        }
        onChange={props.onToggle}
      />
      <div className="nested-field">
        <TextField
          id={FIELD_IDS.ratingListUrl}
          label={i18n.t('sourceRatings.options.listUrl')}
          type="url"
          value={props.listUrl}
          hint={i18n.t('sourceRatings.options.listUrlHint')}
          error={props.urlError}
          onChange={props.onListUrlChange}
        />
        {props.on && <ListStatus {...props} status={props.status?.url === address ? props.status : null} />}
        <RatingCredit list={ratingListName(address)} />
      </div>
    </>
  );
}

/** The list this form names, as the background last left it; null when it has not tried yet. */
function ListStatus({
  status,
  updating,
  updateFailed,
  onUpdate,
}: Pick<SourceRatingsProps, 'status' | 'updating' | 'updateFailed' | 'onUpdate'>) {
  if (!status) return <p className="hint rating-status">{i18n.t('sourceRatings.options.notYet')}</p>;
  const format = historyDateFormat();
  const updatedAt = status.updatedAt === null ? null : format.format(status.updatedAt);
  return (
    <div className="rating-status">
      {updatedAt !== null && (
        <p role="status">
          {i18n.t('sourceRatings.options.loaded', status.entries, [
            ratingListName(status.url),
            updatedAt,
            new Intl.NumberFormat(format.resolvedOptions().locale).format(status.entries),
          ])}{' '}
          {status.skipped > 0 && i18n.t('sourceRatings.options.skipped', status.skipped)}
        </p>
      )}
      {status.error && (
        <p role="alert" className="field-error">
          {i18n.t(`sourceRatings.options.error.${status.error.code}`)}{' '}
          <span dir="auto">{status.error.detail}</span>{' '}
          {updatedAt === null
            ? i18n.t('sourceRatings.options.noCopy')
            : i18n.t('sourceRatings.options.keptCopy', [updatedAt])}
        </p>
      )}
      {updateFailed !== null && (
        <p role="alert" className="field-error">
          {i18n.t('sourceRatings.options.updateFailed')} <span dir="auto">{updateFailed}</span>
        </p>
      )}
      <button type="button" className="secondary" disabled={updating} onClick={onUpdate}>
        {updating ? i18n.t('sourceRatings.options.updating') : i18n.t('sourceRatings.options.update')}
      </button>
    </div>
  );
}
