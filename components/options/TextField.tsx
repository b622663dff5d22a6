import type { ReactNode } from 'react';
import { describedBy, FieldMessages } from './FieldMessages';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  hint: ReactNode;
  /** Translated error text, when the value was rejected. */
  error: string | null;
  type?: 'text' | 'url';
  required?: boolean;
  /** id of a <datalist> with suggestions. */
  list?: string;
  onChange(value: string): void;
}

/** A labelled single-line input with a hint and an inline error. */
export function TextField({
  id,
  label,
  value,
  hint,
  error,
  type = 'text',
  required,
  list,
  onChange,
}: TextFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        list={list}
        onChange={(e) => onChange(e.currentTarget.value)}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
      />
      <FieldMessages fieldId={id} hint={hint} error={error} />
    </div>
  );
}
