import { useState, type ReactNode } from 'react';
import { i18n } from '#i18n';
import { describedBy, FieldMessages } from './FieldMessages';

export interface ApiKeyFieldProps {
  id: string;
  value: string;
  /** The preset needs a key (the hint says so; validation happens in the store). */
  required: boolean;
  /** Translated error text, when the value was rejected. */
  error: string | null;
  onChange(value: string): void;
  /** Default: "API key" (the provider's). */
  label?: string;
  /** Default: whether this provider needs a key. */
  hint?: ReactNode;
}

/** A secret key input (a password field) with a show/hide toggle. */
export function ApiKeyField({ id, value, required, error, onChange, label, hint }: ApiKeyFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? i18n.t('options.apiKey')}</label>
      <div className="input-row">
        <input
          id={id}
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error)}
        />
        <button type="button" className="secondary" aria-controls={id} onClick={() => setVisible((v) => !v)}>
          {visible ? i18n.t('options.hideKey') : i18n.t('options.showKey')}
        </button>
      </div>
      <FieldMessages
        fieldId={id}
        hint={hint ?? (required ? i18n.t('options.apiKeyHint') : i18n.t('options.apiKeyOptionalHint'))}
        error={error}
      />
    </div>
  );
}
