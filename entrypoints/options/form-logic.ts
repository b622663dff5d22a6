import { BadAnswerError, NoAnswerError } from '../../utils/messaging/message-errors';
import type { ProviderTestResult } from '../../utils/messaging/extension-page-protocol';
import type {
  FieldErrors,
  FormField,
  OptionsFormValues,
  OptionsNotice,
  TestOutcome,
} from '../../components/options/types';
import { PROVIDER_PRESETS, findPreset, type ProviderPresetId } from '../../utils/settings/provider-presets';
import {
  ANSWER_LANGUAGES,
  isValidBaseUrl,
  type AnswerLanguage,
  type ProviderDraft,
  type ProviderSettings,
} from '../../utils/settings/provider-settings';

/**
 * Pure logic of the options form: no browser calls, no i18n. The store (options-store.ts)
 * owns the side effects; these functions are unit-tested in form-logic.test.ts.
 */

/** Same caps as providerDraftSchema (utils/settings/provider-settings.ts). */
export const MAX_LENGTH: Record<'baseUrl' | 'apiKey' | 'model', number> = {
  baseUrl: 2_000,
  apiKey: 2_000,
  model: 300,
};

/** Field order on the page: the first invalid one gets focus. */
export const FIELD_ORDER: readonly FormField[] = [
  'baseUrl',
  'apiKey',
  'model',
  'dailyTokenBudget',
  'factCheckKey',
  'searchKey',
  'searxngUrl',
];

/** A daily budget above this is a typo, not a budget (and stays a safe integer). */
export const MAX_DAILY_TOKEN_BUDGET = 1_000_000_000_000;

// The on-device preset is preselected only where the browser has the model (checked at load).
const FIRST_PRESET = PROVIDER_PRESETS.find((p) => p.id !== 'chrome-ai') ?? PROVIDER_PRESETS[0];

/** What a first-time user sees: the first preset, filled in. */
export function defaultFormValues(): OptionsFormValues {
  return {
    preset: FIRST_PRESET.id,
    baseUrl: FIRST_PRESET.baseUrl,
    apiKey: '',
    model: FIRST_PRESET.defaultModel,
    answerLanguage: 'auto',
    dailyTokenBudget: '',
  };
}

/**
 * The budget as typed → tokens per day: empty or 0 is no budget (0); null when it is not a
 * whole number of tokens in range (negative, a fraction, an exponent, text).
 */
export function parseDailyTokenBudget(value: string): number | null {
  const text = value.trim();
  if (text === '') return 0;
  if (!/^\d+$/.test(text)) return null;
  const tokens = Number(text);
  return tokens <= MAX_DAILY_TOKEN_BUDGET ? tokens : null;
}

/** The stored budget as the field shows it: no budget is an empty field. */
export function dailyTokenBudgetField(tokens: number): string {
  return Number.isInteger(tokens) && tokens > 0 ? String(tokens) : '';
}

/** The form as stored settings describe it (null settings: never configured). */
export function formFromSettings(
  settings: ProviderSettings | null,
  apiKey: string,
  answerLanguage: AnswerLanguage,
  dailyTokenBudget = 0,
): OptionsFormValues {
  const language = (ANSWER_LANGUAGES as readonly string[]).includes(answerLanguage) ? answerLanguage : 'auto';
  const budget = dailyTokenBudgetField(dailyTokenBudget);
  if (!settings)
    return { ...defaultFormValues(), apiKey, answerLanguage: language, dailyTokenBudget: budget };
  return {
    preset: settings.preset,
    baseUrl: settings.baseUrl,
    model: settings.model,
    apiKey,
    answerLanguage: language,
    dailyTokenBudget: budget,
  };
}

/**
 * Choosing a preset fills Base URL and Model with its values. "Custom" has no values of its
 * own, so it keeps what is in the fields (the user is about to edit them).
 */
export function applyPreset(values: OptionsFormValues, presetId: string): OptionsFormValues {
  const preset = findPreset(presetId);
  if (!preset) return values;
  const id = preset.id as ProviderPresetId;
  if (id === 'custom') return { ...values, preset: id };
  return { ...values, preset: id, baseUrl: preset.baseUrl, model: preset.defaultModel };
}

/** Trims, and drops trailing slashes from the base URL (paths are appended to it). */
export function normalizeBaseUrl(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

/** The settings plus (possibly unsaved) key, as provider:test and the save path want them. */
export function buildDraft(values: OptionsFormValues): ProviderDraft {
  return {
    preset: values.preset,
    baseUrl: normalizeBaseUrl(values.baseUrl),
    model: values.model.trim(),
    apiKey: values.apiKey.trim(),
  };
}

/** Only the base URL matters for a connection test: listing models is how one finds a model. */
export function validateForTest(values: OptionsFormValues): FieldErrors {
  const draft = buildDraft(values);
  const errors: FieldErrors = {};
  if (draft.baseUrl.length > MAX_LENGTH.baseUrl) errors.baseUrl = 'too_long';
  else if (!isValidBaseUrl(draft.baseUrl)) errors.baseUrl = 'invalid_url';
  if (draft.apiKey.length > MAX_LENGTH.apiKey) errors.apiKey = 'too_long';
  return errors;
}

/** Save needs a usable URL, a model, a key when the preset needs one, and a usable budget. */
export function validateForSave(values: OptionsFormValues): FieldErrors {
  const draft = buildDraft(values);
  const errors = validateForTest(values);
  if (!errors.apiKey && !draft.apiKey && findPreset(draft.preset)?.needsKey) errors.apiKey = 'required';
  if (draft.model.length > MAX_LENGTH.model) errors.model = 'too_long';
  else if (!draft.model) errors.model = 'required';
  if (parseDailyTokenBudget(values.dailyTokenBudget) === null) errors.dailyTokenBudget = 'invalid_budget';
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return FIELD_ORDER.some((field) => errors[field] !== undefined);
}

export function firstInvalidField(errors: FieldErrors): FormField | null {
  return FIELD_ORDER.find((field) => errors[field] !== undefined) ?? null;
}

/**
 * The host permission pattern for an endpoint. Ports are left out: match patterns without a
 * port cover every port in Chrome and Firefox, and Firefox rejects patterns with one.
 */
export function originPattern(baseUrl: string): string | null {
  try {
    const url = new URL(normalizeBaseUrl(baseUrl));
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}

/** What "Test connection" shows for the background's answer. */
export function testOutcome(result: ProviderTestResult): TestOutcome {
  return result.ok
    ? { kind: 'ok', models: uniqueSorted(result.models) }
    : { kind: 'failed', error: result.error };
}

/**
 * What it shows when there is no answer to read: silence (or too late), an answer the protocol
 * does not allow, or no background to send to at all.
 */
export function testFailureNotice(error: unknown): OptionsNotice {
  if (error instanceof NoAnswerError) return { kind: 'test', outcome: { kind: 'no_answer' } };
  if (error instanceof BadAnswerError) return { kind: 'test', outcome: { kind: 'bad_answer' } };
  return { kind: 'unreachable', detail: describeError(error) };
}

/** Model IDs for the datalist: trimmed, without blanks or duplicates, sorted. */
export function uniqueSorted(models: readonly string[]): string[] {
  const set = new Set(models.map((m) => m.trim()).filter((m) => m.length > 0));
  return [...set].sort((a, b) => a.localeCompare(b));
}

/** Error text for thrown values (sendMessage rejections, storage failures). */
export function describeError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return String(error);
}
