import { ANSWER_LANGUAGES, type AnswerLanguage } from '../settings/provider-settings';

/** The languages a note can be set to be written in ("auto" resolves to one, or to another). */
export type NoteLanguage = Exclude<AnswerLanguage, 'auto'>;
export const NOTE_LANGUAGES: readonly NoteLanguage[] = ANSWER_LANGUAGES.filter(
  (language): language is NoteLanguage => language !== 'auto',
);

/** The languages of one model request. */
export interface RequestLanguages {
  /** BCP-47 language the answer is written in. */
  answer: string;
  /** The post's language as its page declares it; null when unknown (and for batches). */
  post: string | null;
}

/**
 * The language notes are written in: the user's setting, or for "auto" the browser's UI
 * language (Portuguese without a region is taken as Brazilian, Footnote's first audience).
 */
export function resolveAnswerLanguage(setting: AnswerLanguage, uiLanguage: string): string {
  if (setting !== 'auto') return setting;
  const normalised = uiLanguage.replace('_', '-');
  if (/^pt(-BR)?$/i.test(normalised)) return 'pt-BR';
  return normalised || 'en';
}

/**
 * A language's name in `locale` ("pt-BR" → "Brazilian Portuguese" in English, the language of
 * error messages); the tag itself when it is not a language tag.
 */
export function languageName(tag: string, locale = 'en'): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag; // not a well-formed tag
  }
}
