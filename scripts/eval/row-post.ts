import { POST_TEXT_MAX, SHORT_TEXT_MAX, type Post } from '../../utils/core/post';
import { postSchema } from '../../utils/core/post-schema';

/**
 * A dataset claim as the Post the extension would extract from a page (site "generic"). Only
 * the claim goes in: no link to the fact-check, whose address often gives the verdict away.
 */
export function rowPost(input: {
  id: string;
  text: string;
  lang: string | null;
  time: string | null;
  author: string | null;
}): Post {
  const chars = Array.from(input.text);
  const truncated = chars.length > POST_TEXT_MAX;
  const name = (input.author ?? 'Unknown').slice(0, SHORT_TEXT_MAX);
  return postSchema.parse({
    site: 'generic',
    id: input.id,
    url: `https://footnote-eval.invalid/${encodeURIComponent(input.id)}`,
    author: { name, handle: handleOf(name) },
    time: input.time,
    text: truncated ? chars.slice(0, POST_TEXT_MAX).join('') : input.text,
    lang: input.lang,
    truncated,
    links: [],
    media: { imageAlts: [], hasVideo: false },
    quoted: null,
    parent: null,
    replyTo: [],
  } satisfies Post);
}

function handleOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return slug || 'unknown';
}

/** The note's language for a row: the --lang option, else the row's own (pt → pt-BR), else English. */
export function answerLanguageFor(option: string | null, rowLang: string | null): string {
  if (option) return option;
  const lang = (rowLang ?? '').toLowerCase();
  if (lang.startsWith('pt')) return 'pt-BR';
  if (lang.startsWith('es')) return 'es';
  if (lang.startsWith('en') || !lang) return 'en';
  return rowLang!;
}
