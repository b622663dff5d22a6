import { i18n } from '#i18n';
import { languageName, type NoteLanguage } from '../../utils/ai/answer-language';
import { bcp47 } from '../ui/boot';
import type { OnDeviceLanguageNotice } from './types';

/** A language named in the page's own language ("português (Brasil)" on a Portuguese page). */
function displayName(tag: string): string {
  return languageName(tag, bcp47(i18n.t('@@ui_locale')));
}

/**
 * Chrome's on-device model cannot write notes in the answer language: says so, with a button
 * for each answer language it does write, and the other way out (another provider).
 */
export function OnDeviceLanguageWarning({
  id,
  notice,
  onChoose,
}: {
  /** For the answer-language select's aria-describedby. */
  id?: string;
  notice: OnDeviceLanguageNotice;
  onChoose(language: NoteLanguage): void;
}) {
  if (notice.kind === 'none') return null;
  const name = displayName(notice.language);
  return (
    <div id={id} className="notice notice-warning">
      <p>{i18n.t('options.onDeviceLanguage.unsupported', [name])}</p>
      {notice.choices.length > 0 && (
        <div className="actions">
          {notice.choices.map((language) => (
            <button key={language} type="button" className="secondary" onClick={() => onChoose(language)}>
              {i18n.t('options.onDeviceLanguage.useInstead', [displayName(language)])}
            </button>
          ))}
        </div>
      )}
      <p>{i18n.t('options.onDeviceLanguage.otherProvider', [name])}</p>
    </div>
  );
}
