import type { AnswerLanguage, ProviderSettings } from './provider-settings';
import { defineStoredItem } from './stored-item';

/** Not configured until the user saves a provider in options. The key is in the secret store. */
export const providerSettingsItem = defineStoredItem<ProviderSettings | null>('local:provider', {
  fallback: null,
  version: 1,
});

/** The language notes are written in; "auto" follows the browser's UI language. */
export const answerLanguageItem = defineStoredItem<AnswerLanguage>('local:answerLanguage', {
  fallback: 'auto',
  version: 1,
});
