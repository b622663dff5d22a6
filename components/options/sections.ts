/**
 * Places in the options page that other pages link to (options.html#<id>): the popup's
 * one-click fixes open the page there, and the page moves focus to it. The ids are the
 * elements' own ids.
 */
export const OPTIONS_SECTIONS = {
  /** The first-run setup guide (shown while no provider is saved). */
  onboarding: 'onboarding',
  apiKey: 'api-key',
  model: 'model',
  /** The answer-language select (the popup's fix when the model cannot write that language). */
  answerLanguage: 'answer-language',
  budget: 'daily-token-budget',
  /** Help for local servers: Ollama's OLLAMA_ORIGINS, LM Studio's CORS switch. */
  setupHelp: 'setup-help',
  sites: 'sites',
  evidence: 'evidence',
} as const;
export type OptionsSection = (typeof OPTIONS_SECTIONS)[keyof typeof OPTIONS_SECTIONS];

export function isOptionsSection(value: string): value is OptionsSection {
  return (Object.values(OPTIONS_SECTIONS) as string[]).includes(value);
}

/** The page's h1: focus goes there when the page changes from the guide to the settings. */
export const PAGE_HEADING_ID = 'page-heading';
/** The guide's "ready" heading, focused once the provider is saved. */
export const ONBOARDING_DONE_ID = 'onboarding-done';
