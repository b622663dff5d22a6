import type { Triage } from '../utils/core/triage';
import type { NoteState } from '../utils/core/note-state';

type DoneState = Extract<NoteState, { status: 'done' }>;

/** A finished note as the page holds it and as `note:done` carries it (valid by its schemas). */
export function doneNote(summary = 'A neutral summary of the post.'): DoneState {
  return {
    status: 'done',
    note: {
      summary,
      classification: 'accurate',
      note: '',
      claims: [],
      detail: '',
      injection_detected: false,
    },
    meta: {
      provider: 'Custom',
      model: 'test-model',
      promptVersion: 'test',
      evidence: [],
      usage: { promptTokens: 10, completionTokens: 5, estimated: false },
      mode: 'json_schema',
      repaired: false,
      createdAt: 0,
      fromCache: true,
    },
  };
}

/** A triage verdict that flags its post (false), with a one-word reason. */
export const FALSE_TRIAGE: Triage = {
  classification: 'false',
  reason: 'No.',
  worth_note: true,
  injection_detected: false,
};
