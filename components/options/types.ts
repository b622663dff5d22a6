import type { NoteError } from '../../utils/core/note-error';
import type { ProviderPresetId } from '../../utils/settings/provider-presets';
import type { AnswerLanguage } from '../../utils/settings/provider-settings';
import type { NoteLanguage } from '../../utils/ai/answer-language';
import type { NoteHistory } from '../../utils/messaging/extension-page-protocol';
import type { Classification, Verdict } from '../../utils/core/note-schema';
import type { WebSearchProvider } from '../../utils/settings/evidence-settings';
import type { SettingsFileOutcome, SettingsPart } from '../../utils/settings/settings-transfer';

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

/** Shown with the answer language while Chrome's on-device model is the chosen provider. */
export type OnDeviceLanguageNotice =
  | { kind: 'none' }
  /**
   * The model cannot write in `language` (the setting, or what "auto" resolves to);
   * `choices` are the answer languages it does write.
   */
  | { kind: 'unsupported'; language: string; choices: NoteLanguage[] };

/** The "Evidence sources" settings as the user set them (saved with the rest of the form). */
export interface EvidenceFormValues {
  /** Shown on only while the all-sites permission is granted (it cannot work without). */
  links: boolean;
  wikipedia: boolean;
  factCheck: boolean;
  factCheckKey: string;
  webSearch: WebSearchProvider;
  searchKey: string;
  searxngUrl: string;
  /** Review each note with a second short request before showing it. */
  selfCheck: boolean;
  /** Send a post's pictures to models that read them. */
  sendImages: boolean;
  /** Subscribe to the source-rating list (asks for its host when switched on). */
  sourceRatings: boolean;
  /** The list's address; empty for CRED-1. */
  ratingListUrl: string;
}

export type FormField =
  | 'baseUrl'
  | 'apiKey'
  | 'model'
  | 'dailyTokenBudget'
  | 'factCheckKey'
  | 'searchKey'
  | 'searxngUrl'
  | 'ratingListUrl';
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
  | { kind: 'permission_denied'; patterns: string[] }
  | { kind: 'permission_failed'; patterns: string[]; detail: string }
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

/** Asking for a host permission from a switch: all sites for "Linked pages", the list's host for "Source ratings". */
export type LinksNotice =
  { kind: 'none' } | { kind: 'asking' } | { kind: 'denied' } | { kind: 'failed'; detail: string };

/** The options page is a setup guide until a provider is saved, then the full settings. */
export type OptionsMode = 'onboarding' | 'settings';
/** The guide's screens: choosing and testing, then "ready". */
export type OnboardingStep = 'setup' | 'done';

/** Per-site switches and the origins enabled from the popup. */
export type SitesNotice =
  | { kind: 'none' }
  /** `live`: open pages follow the change at once (triage); else they need a reload. */
  | { kind: 'saved'; live?: boolean }
  | { kind: 'removed'; origin: string }
  | { kind: 'failed'; detail: string };

export type SitesState =
  | { kind: 'loading' }
  | { kind: 'failed'; detail: string }
  | { kind: 'ready'; disabled: string[]; triage: string[]; enabledOrigins: string[] };

/** Export/import of all settings as a file. */
export type TransferNotice =
  | { kind: 'none' }
  | { kind: 'exported'; fileName: string }
  | { kind: 'export_failed'; detail: string }
  | { kind: 'reading' }
  /** The file was refused as a whole: nothing was changed. */
  | { kind: 'rejected'; outcome: Exclude<SettingsFileOutcome, { kind: 'ok' }> }
  | { kind: 'import_failed'; detail: string }
  | {
      kind: 'imported';
      parts: SettingsPart[];
      /** Addresses that still need the user's permission (asked with one click). */
      pending: string[];
      /** Sites from the file that run once that permission is granted. */
      pendingOrigins: string[];
      permission: 'idle' | 'asking' | 'denied' | 'granted' | 'failed';
    };
