import type { AnswerLanguage } from '../settings/provider-settings';

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
