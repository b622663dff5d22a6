import { i18n } from '#i18n';
import { describedBy, FieldMessages } from './FieldMessages';

/**
 * What the budget field holds when the browser cannot read the number typed (e.g. "10,000"):
 * a number input then reports an empty value, which would silently mean "no budget".
 */
export const UNREADABLE_NUMBER = 'NaN';

export interface BudgetFieldProps {
  id: string;
  value: string;
  error: string | null;
  onChange(value: string): void;
}

/** "Daily token budget": a whole number of tokens; empty or 0 is no budget. */
export function BudgetField({ id, value, error, onChange }: BudgetFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{i18n.t('options.budget')}</label>
      <input
        id={id}
        className="number-input"
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        // Unreadable input shows as the empty value the browser reports, so React leaves the
        // user's text in place instead of wiping it.
        value={value === UNREADABLE_NUMBER ? '' : value}
        onChange={(e) =>
          onChange(e.currentTarget.validity.badInput ? UNREADABLE_NUMBER : e.currentTarget.value)
        }
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
      />
      <FieldMessages fieldId={id} hint={i18n.t('options.budgetHint')} error={error} />
    </div>
  );
}
