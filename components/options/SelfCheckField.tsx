import { i18n } from '#i18n';

export interface SelfCheckFieldProps {
  checked: boolean;
  onChange(checked: boolean): void;
}

/**
 * "Check each note before showing it": a second short request reviews every note
 * (utils/notes/self-check.ts). Part of the settings form, saved with Save.
 */
export function SelfCheckField({ checked, onChange }: SelfCheckFieldProps) {
  return (
    <div className="checkbox-field">
      <input
        id="self-check"
        type="checkbox"
        checked={checked}
        aria-describedby="self-check-hint"
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <div>
        <label htmlFor="self-check">{i18n.t('selfCheck.label')}</label>
        <p id="self-check-hint" className="hint">
          {i18n.t('selfCheck.hint')}
        </p>
      </div>
    </div>
  );
}
