import { useEffect, useRef } from 'react';
import { i18n } from '#i18n';
import { PROVIDER_PRESETS, findPreset } from '../../utils/settings/provider-presets';
import { ANSWER_LANGUAGES, type AnswerLanguage } from '../../utils/settings/provider-settings';
import { ApiKeyField } from './ApiKeyField';
import { BudgetField } from './BudgetField';
import { NotesHistory, type NotesHistoryProps } from './NotesHistory';
import { OptionsNoticeView } from './OptionsNoticeView';
import { PrivacyNotice } from './PrivacyNotice';
import { TextField } from './TextField';
import type { FieldError, FieldErrors, FormField, OptionsFormValues, OptionsNotice } from './types';

export interface OptionsPageProps {
  phase: 'loading' | 'ready';
  /** Reading the stored settings failed (the form shows defaults). */
  loadError: string | null;
  form: OptionsFormValues;
  errors: FieldErrors;
  /** Move focus to this field whenever the token changes. */
  focus: { field: FormField; token: number } | null;
  notice: OptionsNotice;
  busy: 'save' | 'test' | null;
  /** Suggestions for the Model field (from Test connection). */
  models: readonly string[];
  onFieldChange<K extends keyof OptionsFormValues>(field: K, value: OptionsFormValues[K]): void;
  onPresetChange(presetId: string): void;
  /** Called from the submit handler (a user gesture: it may ask for a permission). */
  onSave(): void;
  /** Called from the click handler (a user gesture). */
  onTest(): void;
  /** The notes history section. */
  history: NotesHistoryProps;
}

export const FIELD_IDS: Record<FormField | 'preset' | 'answerLanguage', string> = {
  preset: 'provider',
  baseUrl: 'base-url',
  apiKey: 'api-key',
  model: 'model',
  answerLanguage: 'answer-language',
  dailyTokenBudget: 'daily-token-budget',
};
const MODEL_LIST_ID = 'model-suggestions';

function errorText(error: FieldError | undefined, field: FormField): string | null {
  switch (error) {
    case undefined:
      return null;
    case 'too_long':
      return i18n.t('options.invalid.tooLong');
    case 'invalid_url':
      return i18n.t('options.invalid.baseUrl');
    case 'required':
      return field === 'apiKey' ? i18n.t('options.invalid.apiKey') : i18n.t('options.invalid.model');
    case 'invalid_budget':
      return i18n.t('options.invalid.budget');
  }
}

function languageLabel(language: AnswerLanguage): string {
  switch (language) {
    case 'auto':
      return i18n.t('options.language.auto');
    case 'en':
      return i18n.t('options.language.en');
    case 'pt-BR':
      return i18n.t('options.language.ptBR');
    case 'es':
      return i18n.t('options.language.es');
  }
}

/** The whole options page: provider form, answer language and budget, notes history, privacy notes. */
export function OptionsPage(props: OptionsPageProps) {
  const { phase, loadError, form, errors, focus, notice, busy, models } = props;
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!focus) return;
    const el = formRef.current?.querySelector<HTMLElement>(`#${FIELD_IDS[focus.field]}`);
    el?.focus();
  }, [focus]);

  const needsKey = findPreset(form.preset)?.needsKey ?? false;

  return (
    <main className="page">
      <header className="page-header">
        <h1>{i18n.t('options.heading')}</h1>
        <p className="intro">{i18n.t('options.intro')}</p>
      </header>

      {loadError !== null && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>{i18n.t('options.loadFailed')}</strong> {loadError}
          </p>
        </div>
      )}

      {phase === 'loading' ? (
        <p role="status" className="notice notice-progress">
          {i18n.t('options.loading')}
        </p>
      ) : (
        <form
          ref={formRef}
          className="settings-form"
          noValidate
          aria-busy={busy !== null}
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave();
          }}
        >
          <section className="card">
            <h2>{i18n.t('options.connectionHeading')}</h2>

            <div className="field">
              <label htmlFor={FIELD_IDS.preset}>{i18n.t('options.provider')}</label>
              <select
                id={FIELD_IDS.preset}
                value={form.preset}
                aria-describedby={`${FIELD_IDS.preset}-hint`}
                onChange={(e) => props.onPresetChange(e.currentTarget.value)}
              >
                {PROVIDER_PRESETS.map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.id === 'custom' ? i18n.t('options.presetCustom') : preset.label}
                  </option>
                ))}
              </select>
              <p id={`${FIELD_IDS.preset}-hint`} className="hint">
                {i18n.t('options.providerHint')}
              </p>
            </div>

            <TextField
              id={FIELD_IDS.baseUrl}
              label={i18n.t('options.baseUrl')}
              type="url"
              required
              value={form.baseUrl}
              hint={i18n.t('options.baseUrlHint')}
              error={errorText(errors.baseUrl, 'baseUrl')}
              onChange={(value) => props.onFieldChange('baseUrl', value)}
            />

            <ApiKeyField
              id={FIELD_IDS.apiKey}
              value={form.apiKey}
              required={needsKey}
              error={errorText(errors.apiKey, 'apiKey')}
              onChange={(value) => props.onFieldChange('apiKey', value)}
            />

            <TextField
              id={FIELD_IDS.model}
              label={i18n.t('options.model')}
              required
              list={MODEL_LIST_ID}
              value={form.model}
              hint={
                models.length > 0
                  ? i18n.t('options.modelsAvailable', models.length)
                  : i18n.t('options.modelHint')
              }
              error={errorText(errors.model, 'model')}
              onChange={(value) => props.onFieldChange('model', value)}
            />
            <datalist id={MODEL_LIST_ID}>
              {models.map((model) => (
                <option key={model} value={model} />
              ))}
            </datalist>
          </section>

          <section className="card">
            <h2>{i18n.t('options.notesHeading')}</h2>
            <div className="field">
              <label htmlFor={FIELD_IDS.answerLanguage}>{i18n.t('options.answerLanguage')}</label>
              <select
                id={FIELD_IDS.answerLanguage}
                value={form.answerLanguage}
                aria-describedby={`${FIELD_IDS.answerLanguage}-hint`}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  const language = ANSWER_LANGUAGES.find((l) => l === value);
                  if (language) props.onFieldChange('answerLanguage', language);
                }}
              >
                {ANSWER_LANGUAGES.map((language) => (
                  <option key={language} value={language}>
                    {languageLabel(language)}
                  </option>
                ))}
              </select>
              <p id={`${FIELD_IDS.answerLanguage}-hint`} className="hint">
                {i18n.t('options.answerLanguageHint')}
              </p>
            </div>

            <BudgetField
              id={FIELD_IDS.dailyTokenBudget}
              value={form.dailyTokenBudget}
              error={errorText(errors.dailyTokenBudget, 'dailyTokenBudget')}
              onChange={(value) => props.onFieldChange('dailyTokenBudget', value)}
            />
          </section>

          <div className="actions">
            <button type="submit" className="primary">
              {i18n.t('options.save')}
            </button>
            <button type="button" className="secondary" onClick={() => props.onTest()}>
              {i18n.t('options.testConnection')}
            </button>
          </div>
          <OptionsNoticeView notice={notice} />
        </form>
      )}

      <NotesHistory {...props.history} />

      <PrivacyNotice />
    </main>
  );
}
