import { i18n } from '#i18n';
import type { MarkdownLabels } from './types';
import { historyDateFormat } from './NotesHistory';

/** The Markdown export's words and dates, in the UI language. */
export function markdownLabels(): MarkdownLabels {
  const format = historyDateFormat();
  return {
    title: i18n.t('options.export.title'),
    exportedAt: i18n.t('options.export.exportedAt'),
    post: i18n.t('options.export.post'),
    author: i18n.t('options.export.author'),
    date: i18n.t('options.export.date'),
    classification: i18n.t('options.export.classification'),
    summary: i18n.t('options.export.summary'),
    note: i18n.t('options.export.note'),
    claims: i18n.t('options.export.claims'),
    verdict: i18n.t('options.export.verdict'),
    confidence: i18n.t('options.export.confidence'),
    quote: i18n.t('options.export.quote'),
    explanation: i18n.t('options.export.explanation'),
    model: i18n.t('options.export.model'),
    classificationName: (value) => i18n.t(`classification.${value}` as const),
    verdictName: (value) => i18n.t(`verdict.${value}` as const),
    formatDate: (time) => format.format(time),
  };
}
