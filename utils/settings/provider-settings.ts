import * as z from 'zod/mini';
import { ON_DEVICE_BASE_URL } from './on-device-endpoint';
import { PROVIDER_PRESET_IDS } from './provider-presets';

// Pure (no storage): the content script reads these schemas. The stored items are in provider-items.ts.

/** The provider choice without its key (the key lives in the secret store). */
export const providerSettingsSchema = z.object({
  preset: z.enum(PROVIDER_PRESET_IDS),
  baseUrl: z.string().check(z.maxLength(2_000)),
  model: z.string().check(z.maxLength(300)),
  /** How long a request may go without an answer (local models on a CPU need minutes). */
  timeoutSeconds: z.optional(z.int().check(z.gte(1), z.lte(900))),
});
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** What the options page sends to "Test connection": settings plus a key that may be unsaved. */
export const providerDraftSchema = z.extend(providerSettingsSchema, {
  apiKey: z.string().check(z.maxLength(2_000)),
});
export type ProviderDraft = z.infer<typeof providerDraftSchema>;

export const ANSWER_LANGUAGES = ['auto', 'en', 'pt-BR', 'es'] as const;
export type AnswerLanguage = (typeof ANSWER_LANGUAGES)[number];
export const answerLanguageSchema = z.enum(ANSWER_LANGUAGES);

/** Is this base URL usable for requests? http(s) only, absolute (or the on-device model's). */
export function isValidBaseUrl(value: string): boolean {
  if (value === ON_DEVICE_BASE_URL) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
