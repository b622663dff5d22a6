import type { ThreadView } from '@/utils/core/thread';
import { httpUrl } from '@/utils/core/http-url';
import { escapeMarkdown } from '../markdown-text';

/** i18n.t as the digest's texts use it: a key, a count for plurals, substitutions. */
export type Translate = (key: string, ...args: Array<number | string[]>) => string;

/**
 * The digest as Markdown for the clipboard ("Copy as Markdown"): its sections, and under each
 * point links to the comments it draws on. Model output and post data are plain text: flattened
 * to one line and escaped, so they cannot add links, images, headings or HTML of their own.
 */
export function digestAsMarkdown(view: Pick<ThreadView, 'digest' | 'meta' | 'cited'>, t: Translate): string {
  const { digest, meta, cited } = view;
  if (!digest) return '';
  const refs = (keys: string[]) => {
    const links = keys.flatMap((key) => {
      const post = cited[key];
      const url = post && httpUrl(post.url);
      return post && url ? [`[${escapeMarkdown(post.author)}](${linkTarget(url)})`] : [];
    });
    return links.length > 0 ? ` — ${links.join(', ')}` : '';
  };
  const section = (title: string, items: string[]) =>
    items.length > 0 ? ['', `### ${title}`, '', ...items.map((item) => `- ${item}`)] : [];
  const lines = [`## ${t('thread.title')}`];
  if (digest.about) lines.push('', escapeMarkdown(digest.about));
  lines.push(
    ...section(
      t('thread.positions'),
      digest.positions.map(
        (p) => `${escapeMarkdown(p.point)} _(${t(`thread.support.${p.support}`)})_${refs(p.posts)}`,
      ),
    ),
    ...section(
      t('thread.disputed'),
      digest.disputed.map(
        (d) => `${escapeMarkdown(d.claim)} — ${t('thread.sides', [escapeMarkdown(d.sides)])}${refs(d.posts)}`,
      ),
    ),
    ...section(
      t('thread.sourced'),
      digest.sourced.map((s) => `${escapeMarkdown(s.point)}${refs(s.posts)}`),
    ),
    ...section(
      t('thread.questions'),
      digest.questions.map((q) => `${escapeMarkdown(q.question)}${refs(q.posts)}`),
    ),
  );
  if (meta) lines.push('', `_${coverage(meta, t).join(' ')}_`);
  return lines.join('\n');
}

/** "Based on the N comments shown", what was left out and which chunks were skipped. */
export function coverage(meta: NonNullable<ThreadView['meta']>, t: Translate): string[] {
  const parts = [t('thread.basedOn', meta.posts)];
  if (meta.leftOut > 0) parts.push(t('thread.leftOut', meta.leftOut));
  if (meta.skippedChunks.length > 0)
    parts.push(t('thread.skipped', meta.skippedChunks.length, [meta.skippedChunks.join(', ')]));
  return parts;
}

/** A link target that cannot end the link early: the parentheses and spaces an http(s) URL may hold, encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
