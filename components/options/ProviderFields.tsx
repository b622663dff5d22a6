import type { ReactNode } from 'react';
import { i18n } from '#i18n';
import type { ProviderPreset } from '../../utils/settings/provider-presets';
import { ApiKeyField } from './ApiKeyField';
import { errorText, FIELD_IDS, MODEL_LIST_ID } from './fields';
import { TextField } from './TextField';
import type { FieldErrors, OptionsFormValues } from './types';

/**
 * The provider's connection fields, shared by the setup guide (Onboarding) and the full settings
 * (OptionsPage): the same ids and labels in both, so focus requests and stable hooks match.
 */
interface ProviderFieldProps {
  form: OptionsFormValues;
  errors: FieldErrors;
  onFieldChange<K extends keyof OptionsFormValues>(field: K, value: OptionsFormValues[K]): void;
}

/** A preset's name as the user sees it ("Custom" is translated). */
export function presetName(preset: ProviderPreset): string {
  return preset.id === 'custom' ? i18n.t('options.presetCustom') : preset.label;
}

/** The settings form: validation is the store's, submitting saves (a user gesture). */
export function ProviderForm({
  busy,
  onSubmit,
  children,
}: {
  busy: boolean;
  onSubmit(): void;
  children: ReactNode;
}) {
  return (
    <form
      className="settings-form"
      noValidate
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

export function BaseUrlField({ form, errors, onFieldChange }: ProviderFieldProps) {
  return (
    <TextField
      id={FIELD_IDS.baseUrl}
      label={i18n.t('options.baseUrl')}
      type="url"
      required
      value={form.baseUrl}
      hint={i18n.t('options.baseUrlHint')}
      error={errorText(errors.baseUrl, 'baseUrl')}
      onChange={(value) => onFieldChange('baseUrl', value)}
    />
  );
}

export function ProviderKeyField({
  form,
  errors,
  onFieldChange,
  required,
  hint,
}: ProviderFieldProps & { required: boolean; hint?: ReactNode }) {
  return (
    <ApiKeyField
      id={FIELD_IDS.apiKey}
      value={form.apiKey}
      required={required}
      error={errorText(errors.apiKey, 'apiKey')}
      onChange={(value) => onFieldChange('apiKey', value)}
      hint={hint}
    />
  );
}

/** The model name, with the endpoint's models (after Test connection) as suggestions. */
export function ModelField({
  form,
  errors,
  onFieldChange,
  models,
  hint,
}: ProviderFieldProps & { models: readonly string[]; hint: string }) {
  return (
    <TextField
      id={FIELD_IDS.model}
      label={i18n.t('options.model')}
      required
      list={MODEL_LIST_ID}
      value={form.model}
      hint={models.length > 0 ? i18n.t('options.modelsAvailable', models.length) : hint}
      error={errorText(errors.model, 'model')}
      onChange={(value) => onFieldChange('model', value)}
    />
  );
}

/** The suggestions ModelField's input lists. */
export function ModelSuggestions({ models }: { models: readonly string[] }) {
  return (
    <datalist id={MODEL_LIST_ID}>
      {models.map((model) => (
        <option key={model} value={model} />
      ))}
    </datalist>
  );
}
