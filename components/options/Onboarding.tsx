import { useId, type ReactNode } from 'react';
import { i18n } from '#i18n';
import type { OnDeviceAvailability } from '../../utils/ai/on-device';
import { PROVIDER_PRESETS, findPreset, type ProviderPreset } from '../../utils/settings/provider-presets';
import { OptionsNoticeView } from './OptionsNoticeView';
import {
  BaseUrlField,
  ModelField,
  ModelSuggestions,
  presetName,
  ProviderForm,
  ProviderKeyField,
} from './ProviderFields';
import { OnDeviceLanguageWarning } from './OnDeviceLanguageWarning';
import { SetupHelpContent } from './SetupHelp';
import { ONBOARDING_DONE_ID, OPTIONS_SECTIONS } from './sections';
import type {
  FieldErrors,
  OnboardingStep,
  OnDeviceLanguageNotice,
  OptionsFormValues,
  OptionsNotice,
} from './types';

/** Where each cloud provider hands out API keys (opened in a new tab from step 2). */
const KEY_PAGES: Partial<Record<string, string>> = {
  openai: 'https://platform.openai.com/api-keys',
  xai: 'https://console.x.ai/',
  openrouter: 'https://openrouter.ai/keys',
  groq: 'https://console.groq.com/keys',
  gemini: 'https://aistudio.google.com/apikey',
  mistral: 'https://console.mistral.ai/api-keys',
  deepseek: 'https://platform.deepseek.com/api_keys',
};

type PresetKind = 'on_device' | 'cloud' | 'local' | 'custom';

export function presetKind(preset: ProviderPreset): PresetKind {
  if (preset.id === 'chrome-ai') return 'on_device';
  if (preset.id === 'custom') return 'custom';
  return preset.needsKey ? 'cloud' : 'local';
}

function kindHint(kind: PresetKind): string {
  switch (kind) {
    case 'on_device':
      return i18n.t('options.onboarding.kind.onDevice');
    case 'cloud':
      return i18n.t('options.onboarding.kind.cloud');
    case 'local':
      return i18n.t('options.onboarding.kind.local');
    case 'custom':
      return i18n.t('options.onboarding.kind.custom');
  }
}

export interface OnboardingProps {
  step: OnboardingStep;
  /** Chrome's on-device model: offered only where the browser has (or can download) it. */
  onDevice: OnDeviceAvailability | null;
  /** The guide keeps "auto" as the answer language: the on-device model may not write it. */
  onDeviceLanguage: OnDeviceLanguageNotice;
  form: OptionsFormValues;
  errors: FieldErrors;
  notice: OptionsNotice;
  busy: 'save' | 'test' | null;
  models: readonly string[];
  onPresetChange(presetId: string): void;
  onFieldChange<K extends keyof OptionsFormValues>(field: K, value: OptionsFormValues[K]): void;
  /** Called from the click handler (a user gesture). */
  onTest(): void;
  /** Saves: called from the submit handler (a user gesture: it may ask for a permission). */
  onDone(): void;
  onShowSettings(): void;
}

/**
 * The first-run guide: choose a provider, paste a key (not for local or on-device models),
 * test, done — about a minute. Field ids and labels are those of the full settings, so the
 * store's focus requests and the stable test hooks work the same in both.
 */
export function Onboarding(props: OnboardingProps) {
  if (props.step === 'done') return <OnboardingDone onShowSettings={props.onShowSettings} />;
  const { form, notice, busy, models, onDevice } = props;
  const offered = PROVIDER_PRESETS.filter(
    (preset) => preset.id !== 'chrome-ai' || (onDevice !== null && onDevice !== 'unavailable'),
  );
  const current = findPreset(form.preset) ?? PROVIDER_PRESETS[1];
  const kind = presetKind(current);

  return (
    <section
      id={OPTIONS_SECTIONS.onboarding}
      className="onboarding"
      tabIndex={-1}
      aria-labelledby="onboarding-heading"
    >
      <h2 id="onboarding-heading" className="visually-hidden">
        {i18n.t('options.onboarding.heading')}
      </h2>
      <ProviderForm busy={busy !== null} onSubmit={props.onDone}>
        <ol className="steps">
          <Step number={1} title={i18n.t('options.onboarding.chooseHeading')}>
            <div role="radiogroup" aria-label={i18n.t('options.provider')} className="tiles">
              {offered.map((preset) => (
                <PresetTile
                  key={preset.id}
                  preset={preset}
                  checked={preset.id === form.preset}
                  onChoose={() => props.onPresetChange(preset.id)}
                />
              ))}
            </div>
          </Step>

          <Step
            number={2}
            title={
              kind === 'cloud'
                ? i18n.t('options.onboarding.keyHeading')
                : i18n.t('options.onboarding.connectHeading')
            }
          >
            <ConnectStep {...props} kind={kind} preset={current} />
          </Step>

          <Step number={3} title={i18n.t('options.onboarding.testHeading')}>
            <p className="hint step-intro">{i18n.t('options.onboarding.testHint')}</p>
            <div className="actions">
              <button type="button" className="secondary" onClick={() => props.onTest()}>
                {i18n.t('options.testConnection')}
              </button>
              <button type="submit" className="primary">
                {i18n.t('options.onboarding.done')}
              </button>
            </div>
            <OptionsNoticeView notice={notice} />
          </Step>
        </ol>
        {/* Suggestions for the Model field, when it is shown. */}
        <ModelSuggestions models={models} />
      </ProviderForm>
      <p className="skip">
        <button type="button" className="link-button" onClick={props.onShowSettings}>
          {i18n.t('options.onboarding.skip')}
        </button>
      </p>
    </section>
  );
}

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <li className="card step">
      <h3 className="step-heading">
        <span className="step-number" aria-hidden="true">
          {number}
        </span>
        {title}
      </h3>
      {children}
    </li>
  );
}

function PresetTile({
  preset,
  checked,
  onChoose,
}: {
  preset: ProviderPreset;
  checked: boolean;
  onChoose(): void;
}) {
  const nameId = useId();
  const hintId = useId();
  return (
    <label className={checked ? 'tile tile-checked' : 'tile'}>
      <input
        type="radio"
        name="provider-preset"
        value={preset.id}
        checked={checked}
        onChange={onChoose}
        aria-labelledby={nameId}
        aria-describedby={hintId}
      />
      <span className="tile-text">
        <span id={nameId} className="tile-name">
          {presetName(preset)}
        </span>
        <span id={hintId} className="tile-hint">
          {kindHint(presetKind(preset))}
        </span>
      </span>
    </label>
  );
}

function ConnectStep({
  form,
  errors,
  onDevice,
  onDeviceLanguage,
  models,
  kind,
  preset,
  onFieldChange,
}: OnboardingProps & { kind: PresetKind; preset: ProviderPreset }) {
  // Local servers with no usual model (LM Studio) and custom endpoints need a model name;
  // Test connection fills it in from the endpoint's list.
  const showModel = kind === 'custom' || preset.defaultModel === '' || errors.model !== undefined;
  const fields = { form, errors, onFieldChange };
  const modelField = showModel && (
    <ModelField {...fields} models={models} hint={i18n.t('options.onboarding.modelHint')} />
  );
  const keyPage = KEY_PAGES[preset.id];

  switch (kind) {
    case 'cloud':
      return (
        <ProviderKeyField
          {...fields}
          required
          hint={
            <>
              {i18n.t('options.onboarding.keyHint')}
              {keyPage && (
                <>
                  {' '}
                  <a href={keyPage} target="_blank" rel="noopener noreferrer">
                    {i18n.t('options.onboarding.getKey', [preset.label])}
                  </a>
                </>
              )}
            </>
          }
        />
      );
    case 'on_device':
      return (
        <>
          <p className="step-intro">{i18n.t('options.onboarding.onDeviceText')}</p>
          {onDevice !== 'available' && (
            <p className="hint">{i18n.t('options.onboarding.onDeviceDownload')}</p>
          )}
          <OnDeviceLanguageWarning
            notice={onDeviceLanguage}
            onChoose={(language) => onFieldChange('answerLanguage', language)}
          />
        </>
      );
    case 'local':
      return (
        <>
          <p className="step-intro">{i18n.t('options.onboarding.localText', [form.baseUrl])}</p>
          {modelField}
          <details className="help-details">
            <summary>{i18n.t('options.onboarding.localHelp')}</summary>
            <SetupHelpContent headingLevel={4} />
          </details>
        </>
      );
    case 'custom':
      return (
        <>
          <BaseUrlField {...fields} />
          <ProviderKeyField {...fields} required={false} />
          {modelField}
        </>
      );
  }
}

function OnboardingDone({ onShowSettings }: { onShowSettings(): void }) {
  return (
    <section
      id={OPTIONS_SECTIONS.onboarding}
      className="card onboarding-done"
      aria-labelledby={ONBOARDING_DONE_ID}
    >
      <h2 id={ONBOARDING_DONE_ID} tabIndex={-1}>
        <span className="done-mark" aria-hidden="true">
          <svg viewBox="0 0 20 20" width="18" height="18" focusable="false">
            <path
              d="M4 10.5l4 4 8-9"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.5"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </span>
        {i18n.t('options.onboarding.readyHeading')}
      </h2>
      <p>{i18n.t('options.onboarding.readyText')}</p>
      <p className="hint">{i18n.t('options.onboarding.readyMore')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onShowSettings}>
          {i18n.t('options.onboarding.showSettings')}
        </button>
      </div>
    </section>
  );
}
