import type { HistoryEntry, MarkdownLabels } from '../../components/options/types';
import { escapeMarkdown } from '@/components/markdown-text';
import { httpUrl } from '@/utils/core/http-url';

export type { HistoryEntry, MarkdownLabels };

/**
 * The notes history of the options page, and its exports: pure functions, no browser calls,
 * no i18n (labels come in as arguments). Everything in a history entry is untrusted: the
 * note is model output and the post came from a web page. The JSON export is inert data; the
 * Markdown export escapes that text so it cannot become a link, an image or HTML.
 */

/** Most recent first; the background already sends them so, this only makes sure. */
export function newestFirst(notes: readonly HistoryEntry[]): HistoryEntry[] {
  return [...notes].sort((a, b) => b.meta.createdAt - a.meta.createdAt);
}

export type ExportFormat = 'json' | 'markdown';

export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** The local date as YYYY-MM-DD, for file names. */
function localDay(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function exportFileName(format: ExportFormat, now: number): string {
  return `footnote-notes-${localDay(now)}.${format === 'json' ? 'json' : 'md'}`;
}

/** Every note with its post and metadata, as stored: data only, nothing to render. */
export function historyToJson(notes: readonly HistoryEntry[], now: number): string {
  return `${JSON.stringify({ exportedAt: new Date(now).toISOString(), notes }, null, 2)}\n`;
}

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

function authorLine(post: HistoryEntry['post']): string {
  const handle = post.handle.trim().replace(/^@/, '');
  const name = post.authorName.trim();
  if (name && handle) return `${escapeMarkdown(name)} (${escapeMarkdown('@' + handle)})`;
  return escapeMarkdown(name || (handle ? '@' + handle : ''));
}

/**
 * One section per note: the post (a link only for its own http(s) URL), author, date,
 * classification, summary, the "readers added context" note, and each claim with its verdict
 * and confidence. All text from the model or the page goes through escapeMarkdown.
 */
export function historyToMarkdown(
  notes: readonly HistoryEntry[],
  labels: MarkdownLabels,
  now: number,
): string {
  // The labels are Footnote's own words, escaped all the same (a translation may hold a "*").
  const l = (label: string) => escapeMarkdown(label);
  const lines: string[] = [
    `# ${l(labels.title)}`,
    '',
    `${l(labels.exportedAt)}: ${escapeMarkdown(labels.formatDate(now))}`,
  ];
  notes.forEach((entry, index) => {
    const { post, note, meta } = entry;
    const author = authorLine(post);
    const url = httpUrl(post.url);
    lines.push('', `## ${index + 1}. ${author || l(labels.post)}`, '');
    // The post's own URL is the one link: the extension read it from the page's post, and the
    // URL serializer leaves no "<", ">" or space in it to break out of the autolink.
    lines.push(`- ${l(labels.post)}: ${url ? `<${url}>` : escapeMarkdown(post.url)}`);
    if (author) lines.push(`- ${l(labels.author)}: ${author}`);
    lines.push(`- ${l(labels.date)}: ${escapeMarkdown(labels.formatDate(meta.createdAt))}`);
    lines.push(
      `- ${l(labels.classification)}: ${escapeMarkdown(labels.classificationName(note.classification))}`,
    );
    if (meta.model) lines.push(`- ${l(labels.model)}: ${escapeMarkdown(meta.model)}`);
    if (post.text.trim()) lines.push('', `> ${escapeMarkdown(post.text)}`);
    if (note.summary.trim()) lines.push('', `**${l(labels.summary)}:** ${escapeMarkdown(note.summary)}`);
    if (note.note.trim()) lines.push('', `**${l(labels.note)}:** ${escapeMarkdown(note.note)}`);
    if (note.claims.length > 0) {
      lines.push('', `### ${l(labels.claims)}`, '');
      note.claims.forEach((claim, i) => {
        lines.push(`${i + 1}. ${escapeMarkdown(claim.claim)}`);
        const verdict = escapeMarkdown(labels.verdictName(claim.verdict));
        lines.push(
          `   - ${l(labels.verdict)}: ${verdict}; ${l(labels.confidence)}: ${percent(claim.confidence)}`,
        );
        if (claim.quote.trim()) lines.push(`   - ${l(labels.quote)}: ${escapeMarkdown(claim.quote)}`);
        if (claim.explanation.trim())
          lines.push(`   - ${l(labels.explanation)}: ${escapeMarkdown(claim.explanation)}`);
      });
    }
  });
  return `${lines.join('\n')}\n`;
}

export function buildExport(
  format: ExportFormat,
  notes: readonly HistoryEntry[],
  labels: MarkdownLabels,
  now: number,
): ExportFile {
  return format === 'json'
    ? { fileName: exportFileName('json', now), mimeType: 'application/json', text: historyToJson(notes, now) }
    : {
        fileName: exportFileName('markdown', now),
        mimeType: 'text/markdown;charset=utf-8',
        text: historyToMarkdown(notes, labels, now),
      };
}
