import { i18n } from '#i18n';
import type { Classification, Verdict } from '@/utils/core/note-schema';

/** Colour plus text, never colour alone (issue #6). */
export function ClassificationChip({ value }: { value: Classification }) {
  return <span className={`chip chip-${value}`}>{i18n.t(`classification.${value}`)}</span>;
}

export function VerdictChip({ value }: { value: Verdict }) {
  return <span className={`chip chip-verdict-${value}`}>{i18n.t(`verdict.${value}`)}</span>;
}

export function ConfidenceMeter({ value }: { value: number }) {
  const percent = Math.round(value * 100);
  const label = i18n.t('card.confidence', [String(percent)]);
  return (
    <span className="confidence">
      <span
        className="meter"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={label}
      >
        <span className="meter-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="meter-text">{label}</span>
    </span>
  );
}
