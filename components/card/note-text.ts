import type { Note } from '@/utils/core/note-schema';
import type { EvidenceItem } from '@/utils/core/evidence';
import type { VideoMoment } from '@/utils/core/video';
import { formatVideoTime } from '@/utils/core/video-time';

export type Translate = (key: string, substitutions?: string[]) => string;

/**
 * A note as plain text for the clipboard ("copy as text"): what a reader would paste into a
 * reply or a message — the same sections as the card, sources with their URLs.
 */
export function noteAsText(
  input: { handle: string; note: Note; evidence: EvidenceItem[]; moments?: VideoMoment[] },
  t: Translate,
): string {
  const { note, evidence, moments = [] } = input;
  const lines = [t('card.label', ['@' + input.handle]), '', `${t('card.summary')}: ${note.summary}`];
  lines.push(`${t('card.classification')}: ${t(`classification.${note.classification}`)}`);
  if (moments.length > 0) {
    lines.push('', `${t('video.card.moments')}:`);
    for (const { at, text } of moments) lines.push(`${formatVideoTime(at)} ${text}`);
  }
  if (note.note) lines.push('', `${t('card.readersAddedContext')}: ${note.note}`);
  if (note.claims.length > 0) {
    lines.push('', `${t('card.claims')}:`);
    for (const claim of note.claims) {
      const percent = Math.round(claim.confidence * 100);
      const citations = claim.citations.length ? ` [${claim.citations.join(', ')}]` : '';
      lines.push(
        `- "${claim.quote || claim.claim}" — ${t(`verdict.${claim.verdict}`)} (${percent}%)${citations}`,
      );
      if (claim.explanation) lines.push(`  ${claim.explanation}`);
      for (const span of claim.support ?? [])
        lines.push(`  ${t('card.spanSays', [span.evidence])} "${span.text}"`);
    }
  }
  if (evidence.length > 0) {
    lines.push('', `${t('card.sources')}:`);
    for (const item of evidence) lines.push(`[${item.id}] ${item.title} — ${item.publisher} — ${item.url}`);
  }
  return lines.join('\n');
}
