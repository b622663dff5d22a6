import type { NoteError } from '../../utils/notes/note-error';
import type { ProviderPresetId } from '../../utils/settings/provider-presets';
import type { AnswerLanguage } from '../../utils/settings/provider-settings';

/** Everything the options form edits, as the user typed it. */
export interface OptionsFormValues {
  preset: ProviderPresetId;
  baseUrl: string;
  apiKey: string;
  model: string;
  answerLanguage: AnswerLanguage;
}

export type FormField = 'baseUrl' | 'apiKey' | 'model';
export type FieldError = 'invalid_url' | 'required' | 'too_long';
export type FieldErrors = Partial<Record<FormField, FieldError>>;

/** What "Test connection" shows, from whatever the background answered. */
export type TestOutcome =
  | { kind: 'ok'; models: string[] }
  | { kind: 'failed'; error: NoteError }
  /** Nobody answered (no listener in the background, it returned nothing, or too late). */
  | { kind: 'no_answer' }
  /** Something answered, but not with a ProviderTestResult. */
  | { kind: 'bad_answer' };

/** The outcome of the last action, shown under the buttons. */
export type OptionsNotice =
  | { kind: 'none' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'testing' }
  | { kind: 'invalid' }
  | { kind: 'permission_denied'; pattern: string }
  | { kind: 'permission_failed'; pattern: string; detail: string }
  | { kind: 'save_failed'; detail: string }
  | { kind: 'test'; outcome: TestOutcome }
  /** runtime.sendMessage rejected: no background listener at all, or it crashed. */
  | { kind: 'unreachable'; detail: string };
