import { i18n } from '#i18n';
import type { FieldError, FormField } from './types';
import { OPTIONS_SECTIONS } from './sections';

/** The inputs' ids: labels point at them, the store's focus requests and the popup's links use them. */
export const FIELD_IDS: Record<FormField | 'preset' | 'answerLanguage' | 'webSearch', string> = {
  preset: 'provider',
  baseUrl: 'base-url',
  apiKey: OPTIONS_SECTIONS.apiKey,
  model: OPTIONS_SECTIONS.model,
  answerLanguage: OPTIONS_SECTIONS.answerLanguage,
  dailyTokenBudget: OPTIONS_SECTIONS.budget,
  factCheckKey: 'fact-check-key',
  webSearch: 'web-search',
  searchKey: 'search-key',
  searxngUrl: 'searxng-url',
  ratingListUrl: 'rating-list-url',
};
export const MODEL_LIST_ID = 'model-suggestions';

/** The words for a rejected value. */
export function errorText(error: FieldError | undefined, field: FormField): string | null {
  switch (error) {
    case undefined:
      return null;
    case 'too_long':
      return i18n.t('options.invalid.tooLong');
    case 'invalid_url':
      return i18n.t('options.invalid.baseUrl');
    case 'required':
      switch (field) {
        case 'apiKey':
          return i18n.t('options.invalid.apiKey');
        case 'factCheckKey':
        case 'searchKey':
          return i18n.t('options.sourceKeyRequired');
        case 'searxngUrl':
          return i18n.t('options.invalid.baseUrl');
        default:
          return i18n.t('options.invalid.model');
      }
    case 'invalid_budget':
      return i18n.t('options.invalid.budget');
  }
}
