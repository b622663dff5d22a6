/** What `i18n.detectLanguage` answers (Chrome and Firefox: the same shape, CLD underneath). */
export interface LanguageDetection {
  isReliable: boolean;
  languages: ReadonlyArray<{ language: string; percentage: number }>;
}

/** Below this share of the text, the top language does not speak for the post. */
const MIN_PERCENTAGE = 50;

/**
 * The post's language from the browser's detector, when it is sure: a reliable answer whose
 * top language covers most of the text. "und" (undetermined) and unsure answers give null, so
 * the prompt says "unknown" rather than a guess.
 */
export function languageOf(detection: LanguageDetection): string | null {
  const top = detection.languages[0];
  if (!detection.isReliable || !top || top.percentage < MIN_PERCENTAGE) return null;
  const language = top.language.trim();
  return language === '' || language === 'und' ? null : language.slice(0, 35);
}
