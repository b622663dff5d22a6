import { i18n } from '#i18n';

/**
 * Tokens one post costs in a batch of 20, prompt and answer together: its data block (author,
 * context, up to 800 characters of text, ~80 tokens for a typical post), its share of the
 * system prompt (~350 tokens a batch), and its verdict (~40 tokens). An estimate: tokenizers and
 * posts differ, which is why the switches say so.
 */
export const TRIAGE_TOKENS_PER_POST_ESTIMATE = 160;

/**
 * What a triage switch says under its label (popup and options alike): what is sent, and about
 * how many tokens it costs.
 */
export function triageHint(): string {
  const format = new Intl.NumberFormat(i18n.t('@@ui_locale').replace('_', '-'));
  const per100 = format.format(TRIAGE_TOKENS_PER_POST_ESTIMATE * 100);
  return `${i18n.t('triage.sends')} ${i18n.t('triage.cost', [per100])}`;
}
