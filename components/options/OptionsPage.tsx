import { useEffect } from 'react';
import { i18n } from '#i18n';
import type { OnDeviceAvailability } from '../../utils/ai/on-device';
import { PROVIDER_PRESETS, findPreset } from '../../utils/settings/provider-presets';
import { ANSWER_LANGUAGES, type AnswerLanguage } from '../../utils/settings/provider-settings';
import { BudgetField } from './BudgetField';
import {
  DeleteAllData,
  DeleteAllResult,
  type DeleteAllDataProps,
  type DeleteAllNotice,
} from './DeleteAllData';
import { EvidenceSection } from './EvidenceSection';
import { errorText, FIELD_IDS } from './fields';
import { NotesHistory, type NotesHistoryProps } from './NotesHistory';
import { OnDeviceLanguageWarning } from './OnDeviceLanguageWarning';
import { Onboarding } from './Onboarding';
import { OptionsNoticeView } from './OptionsNoticeView';
import { PrivacyNotice } from './PrivacyNotice';
import {
  BaseUrlField,
  ModelField,
  ModelSuggestions,
  presetName,
  ProviderForm,
  ProviderKeyField,
} from './ProviderFields';
import { PAGE_HEADING_ID } from './sections';
import { SettingsTransfer, type SettingsTransferProps } from './SettingsTransfer';
import type { ModelReadsImages } from './SendImagesField';
import { SetupHelp } from './SetupHelp';
import { SitesSection, type SitesSectionProps } from './SitesSection';
import { BrandIcon } from '../ui/BrandIcon';
import type { SourceRatingsProps } from './SourceRatingsField';
import type {
  EvidenceFormValues,
  FieldErrors,
  FormField,
  LinksNotice,
  OnboardingStep,
  OnDeviceLanguageNotice,
  OptionsFormValues,
  OptionsMode,
  OptionsNotice,
} from './types';

export { FIELD_IDS } from './fields';

export interface OptionsPageProps {
  phase: 'loading' | 'ready';
  /** Reading the stored settings failed (the form shows defaults). */
  loadError: string | null;
  /** The setup guide (no provider saved yet) or the full settings. */
  mode: OptionsMode;
  onboardingStep: OnboardingStep;
  onDevice: OnDeviceAvailability | null;
  /** Chrome's on-device model and an answer language it cannot write. */
  onDeviceLanguage: OnDeviceLanguageNotice;
  form: OptionsFormValues;
  errors: FieldErrors;
  /** Move focus to this field whenever the token changes. */
  focus: { field: FormField; token: number } | null;
  /** Move focus to the element with this id whenever the token changes. */
  jump: { target: string; token: number } | null;
  notice: OptionsNotice;
  busy: 'save' | 'test' | null;
  /** Suggestions for the Model field (from Test connection). */
  models: readonly string[];
  evidence: EvidenceFormValues;
  linksNotice: LinksNotice;
  onFieldChange<K extends keyof OptionsFormValues>(field: K, value: OptionsFormValues[K]): void;
  onPresetChange(presetId: string): void;
  onEvidenceChange<K extends keyof EvidenceFormValues>(field: K, value: EvidenceFormValues[K]): void;
  /** Called from the switch's change event (a user gesture: it may ask for a permission). */
  onLinksChange(on: boolean): void;
  /** "Source ratings" in the evidence section. */
  ratings: SourceRatingsProps;
  /** Whether the model in the form reads images (learnt, or known before it was tried). */
  modelReadsImages: ModelReadsImages;
  /** Called from the submit handler (a user gesture: it may ask for a permission). */
  onSave(): void;
  /** Called from the click handler (a user gesture). */
  onTest(): void;
  onShowSettings(): void;
  sites: SitesSectionProps;
  /** The notes history section. */
  history: NotesHistoryProps;
  transfer: SettingsTransferProps;
  /** "Delete all Footnote data", in the settings. */
  deleteAll: DeleteAllDataProps;
  /** Its outcome, under the heading of whichever page follows (the guide, when all went). */
  deleteAllNotice: DeleteAllNotice;
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

/** Focus (and so scroll to) the element with this id, if the page has it. */
function focusById(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.focus();
  if (el instanceof HTMLInputElement) el.select?.();
}

/**
 * The options page: a setup guide until a provider is saved; then provider, answer language
 * and budget, evidence sources (one Save for all), sites, notes history, export/import, setup
 * help for local models, what is sent where, and "Delete all Footnote data".
 */
export function OptionsPage(props: OptionsPageProps) {
  const { phase, loadError, mode, focus, jump } = props;

  useEffect(() => {
    if (focus) focusById(FIELD_IDS[focus.field]);
  }, [focus]);
  useEffect(() => {
    if (jump) focusById(jump.target);
  }, [jump]);

  const onboarding = phase === 'ready' && mode === 'onboarding';

  return (
    <main className="page">
      <header className="page-header">
        <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
          <BrandIcon />
          {onboarding ? i18n.t('options.onboarding.title') : i18n.t('options.heading')}
        </h1>
        <p className="intro">{onboarding ? i18n.t('options.onboarding.intro') : i18n.t('options.intro')}</p>
      </header>
      <DeleteAllResult notice={props.deleteAllNotice} />

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
      ) : onboarding ? (
        <>
          <Onboarding
            step={props.onboardingStep}
            onDevice={props.onDevice}
            onDeviceLanguage={props.onDeviceLanguage}
            form={props.form}
            errors={props.errors}
            notice={props.notice}
            busy={props.busy}
            models={props.models}
            onPresetChange={props.onPresetChange}
            onFieldChange={props.onFieldChange}
            onTest={props.onTest}
            onDone={props.onSave}
            onShowSettings={props.onShowSettings}
          />
          <p className="hint onboarding-privacy">{i18n.t('options.onboarding.privacy')}</p>
        </>
      ) : (
        <>
          <SettingsForm {...props} />
          <SitesSection {...props.sites} />
          <NotesHistory {...props.history} />
          <SettingsTransfer {...props.transfer} />
          <SetupHelp />
          <PrivacyNotice />
          <DeleteAllData {...props.deleteAll} />
        </>
      )}
    </main>
  );
}

function SettingsForm(props: OptionsPageProps) {
  const { form, errors, notice, busy, models } = props;
  const needsKey = findPreset(form.preset)?.needsKey ?? false;
  const fields = { form, errors, onFieldChange: props.onFieldChange };
  const languageWarningId = `${FIELD_IDS.answerLanguage}-on-device`;
  const warned = props.onDeviceLanguage.kind !== 'none';
  return (
    <ProviderForm busy={busy !== null} onSubmit={props.onSave}>
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
                {presetName(preset)}
              </option>
            ))}
          </select>
          <p id={`${FIELD_IDS.preset}-hint`} className="hint">
            {i18n.t('options.providerHint')}
          </p>
        </div>

        <BaseUrlField {...fields} />

        <ProviderKeyField {...fields} required={needsKey} />

        <ModelField {...fields} models={models} hint={i18n.t('options.modelHint')} />
        <ModelSuggestions models={models} />
      </section>

      <section className="card">
        <h2>{i18n.t('options.notesHeading')}</h2>
        <div className="field">
          <label htmlFor={FIELD_IDS.answerLanguage}>{i18n.t('options.answerLanguage')}</label>
          <select
            id={FIELD_IDS.answerLanguage}
            value={form.answerLanguage}
            aria-describedby={`${FIELD_IDS.answerLanguage}-hint${warned ? ` ${languageWarningId}` : ''}`}
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
          <OnDeviceLanguageWarning
            id={languageWarningId}
            notice={props.onDeviceLanguage}
            onChoose={(language) => {
              props.onFieldChange('answerLanguage', language);
              focusById(FIELD_IDS.answerLanguage); // the buttons go away; the select shows the choice
            }}
          />
        </div>

        <BudgetField
          id={FIELD_IDS.dailyTokenBudget}
          value={form.dailyTokenBudget}
          error={errorText(errors.dailyTokenBudget, 'dailyTokenBudget')}
          onChange={(value) => props.onFieldChange('dailyTokenBudget', value)}
        />
      </section>

      <EvidenceSection
        evidence={props.evidence}
        errors={errors}
        linksNotice={props.linksNotice}
        onChange={props.onEvidenceChange}
        onLinksChange={props.onLinksChange}
        ratings={props.ratings}
        modelReadsImages={props.modelReadsImages}
      />

      <div className="actions form-actions">
        <button type="submit" className="primary">
          {i18n.t('options.save')}
        </button>
        <button type="button" className="secondary" onClick={() => props.onTest()}>
          {i18n.t('options.testConnection')}
        </button>
      </div>
      <OptionsNoticeView notice={notice} />
    </ProviderForm>
  );
}
