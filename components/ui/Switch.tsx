import type { ReactNode } from 'react';

export interface SwitchProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  /** Text under the label (what it does, what it sends where). */
  hint?: ReactNode;
  /** Shown after the hint, e.g. why it stayed off. */
  message?: ReactNode;
  /** The change is in progress (e.g. the browser is asking for a permission). */
  busy?: boolean;
  onChange(checked: boolean): void;
}

/**
 * An on/off setting: a native checkbox with the switch role (Space toggles it; screen readers
 * say "on"/"off"), drawn as a switch. The label and hint stay readable at any width.
 */
export function Switch({ id, label, checked, hint, message, busy, onChange }: SwitchProps) {
  return (
    <div className="switch-row">
      <div className="switch-text">
        <label htmlFor={id} className="switch-label">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        )}
        {message}
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        aria-busy={busy || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
    </div>
  );
}
