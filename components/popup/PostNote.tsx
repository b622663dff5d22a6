import { i18n } from '#i18n';
import type { Classification, Note } from '../../utils/core/note-schema';

export function classificationLabel(classification: Classification): string {
  switch (classification) {
    case 'accurate':
      return i18n.t('classification.accurate');
    case 'opinion':
      return i18n.t('classification.opinion');
    case 'needs_context':
      return i18n.t('classification.needs_context');
    case 'misleading':
      return i18n.t('classification.misleading');
    case 'false':
      return i18n.t('classification.false');
    case 'unverifiable':
      return i18n.t('classification.unverifiable');
  }
}

/**
 * A finished note, compact, for the popup's post list. Everything in a Note is untrusted
 * model output: it is rendered as plain text only (no HTML, no links).
 */
export function PostNote({ note }: { note: Note }) {
  return (
    <div className="post-note">
      <p>
        <span className={`classification classification-${note.classification}`}>
          {classificationLabel(note.classification)}
        </span>
      </p>
      {note.summary && (
        <p className="note-summary" dir="auto">
          <span className="visually-hidden">{i18n.t('popup.summary')}: </span>
          {note.summary}
        </p>
      )}
      {note.note && (
        <div className="readers-context">
          <p className="readers-context-title">{i18n.t('popup.readersAddedContext')}</p>
          <p className="readers-context-text" dir="auto">
            {note.note}
          </p>
        </div>
      )}
      {note.injection_detected && <p className="injection">{i18n.t('popup.injection')}</p>}
    </div>
  );
}
