import { i18n } from '#i18n';
import type { NoteError } from '../../utils/core/note-error';
import { Switch } from '../ui/Switch';
import { triageHint } from '../triage/triage-hint';

export interface TriageSectionProps {
  /** Whether the current tab's site is triaged as the reader scrolls. */
  on: boolean;
  /** Why triage is paused on the page; null while it runs or is off. */
  pause: NoteError | null;
  onChange(on: boolean): void;
}

/**
 * The current site's triage switch, with what it sends and about what it costs, and why it is
 * paused when it is.
 */
export function TriageSection({ on, pause, onChange }: TriageSectionProps) {
  return (
    <section className="triage">
      <Switch
        id="triage-switch"
        label={i18n.t('triage.switch')}
        hint={triageHint()}
        checked={on}
        onChange={onChange}
        message={on && pause && <TriagePaused error={pause} />}
      />
    </section>
  );
}

function TriagePaused({ error }: { error: NoteError }) {
  return (
    <div role="alert" className="notice-error triage-paused">
      <p>
        <strong>{i18n.t('triage.paused')}</strong> {i18n.t(`error.${error.code}`)}{' '}
        <span dir="auto">{error.message}</span>
      </p>
      <p>{i18n.t('triage.pausedHint')}</p>
    </div>
  );
}
