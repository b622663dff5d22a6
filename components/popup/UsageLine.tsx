import { i18n } from '#i18n';
import type { UsageToday } from './types';

/** Today's tokens and notes, the budget, and the parts of them triage and pictures took. */
export function UsageLine({ usage }: { usage: UsageToday }) {
  const format = new Intl.NumberFormat(i18n.t('@@ui_locale').replace('_', '-'));
  const { triage } = usage;
  return (
    <footer className="usage muted">
      <p>
        {i18n.t('popup.usageToday', [format.format(usage.tokens), format.format(usage.notes)])}
        {usage.imageTokens > 0 && ` · ${i18n.t('images.tokens', [format.format(usage.imageTokens)])}`}
        {usage.budget > 0 && ` · ${i18n.t('popup.usageBudget', [format.format(usage.budget)])}`}
      </p>
      {triage.posts + triage.tokens > 0 && (
        <p>{i18n.t('triage.usageToday', [format.format(triage.posts), format.format(triage.tokens)])}</p>
      )}
    </footer>
  );
}
