import type { NoteError } from '../../utils/notes/note-error';
import type { ProviderPresetId } from '../../utils/settings/provider-presets';
import type { AnswerLanguage } from '../../utils/settings/provider-settings';
import type { NoteHistory } from '../../utils/messaging/protocol';
import type { Classification, Verdict } from '../../utils/ai/note-schema';

export type HistoryEntry = NoteHistory['notes'][number];

/** Everything the options form edits, as the user typed it. */
export interface OptionsFormValues {
  preset: ProviderPresetId;
  baseUrl: string;
  apiKey: string;
  model: string;
  answerLanguage: AnswerLanguage;
  /** Tokens per day, as typed: empty or 0 means no budget. */
  dailyTokenBudget: string;
}

export type FormField = 'baseUrl' | 'apiKey' | 'model' | 'dailyTokenBudget';
export type FieldError = 'invalid_url' | 'required' | 'too_long' | 'invalid_budget';
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

/** The notes history section (past notes from the background's cache). */
export type HistoryState =
  | { kind: 'loading' }
  | { kind: 'ready'; notes: HistoryEntry[] }
  /** The list could not be read; `detail` is the exact error when there is one. */
  | { kind: 'failed'; detail: string | null };

/** "Clear cache" asks first, in the page: idle → confirming → clearing → idle. */
export type ClearStep = 'idle' | 'confirming' | 'clearing';

/** The outcome of the last history action, under its buttons. */
export type HistoryNotice =
  | { kind: 'none' }
  | { kind: 'cleared' }
  | { kind: 'clear_failed'; detail: string }
  | { kind: 'exported'; fileName: string }
  | { kind: 'export_failed'; detail: string };

/** The words of the Markdown export, in the UI language (the options page passes them in). */
export interface MarkdownLabels {
  title: string;
  exportedAt: string;
  post: string;
  author: string;
  date: string;
  classification: string;
  summary: string;
  note: string;
  claims: string;
  verdict: string;
  confidence: string;
  quote: string;
  explanation: string;
  model: string;
  classificationName(value: Classification): string;
  verdictName(value: Verdict): string;
  formatDate(time: number): string;
}
