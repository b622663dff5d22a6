/**
 * The context a platform itself shows on a post (docs/SITES.md "Platform context"), as a Post holds
 * it: the text as shown without the platform's chrome, tidied and clipped; a link only when it is
 * http(s); at most PLATFORM_CONTEXTS_MAX per post. Shared by the adapters; accepts anything.
 */
import {
  PLATFORM_CONTEXT_TEXT_MAX,
  PLATFORM_CONTEXTS_MAX,
  type PlatformContext,
  type PlatformContextKind,
  type Post,
} from '../core/post';
import { clip, httpUrl } from './post-fields';

/** One context; null when the page shows only chrome (no text of its own). */
export function platformContext(
  kind: PlatformContextKind,
  text: string,
  url: string | null = null,
): PlatformContext | null {
  const tidy = tidyText(text);
  if (tidy === '') return null;
  const shown =
    tidy.length > PLATFORM_CONTEXT_TEXT_MAX ? `${clip(tidy, PLATFORM_CONTEXT_TEXT_MAX - 1)}…` : tidy;
  return { kind, text: shown, url: httpUrl(url) };
}

/** The same, for what the post's author wrote themselves (a content warning they chose). */
export function authorContext(kind: PlatformContextKind, text: string): PlatformContext | null {
  const context = platformContext(kind, text);
  return context && { ...context, byAuthor: true };
}

/**
 * The post with the contexts found (the same text once, at most PLATFORM_CONTEXTS_MAX); the post
 * as it was when there are none, so a post without context has no `platformContext` field.
 */
export function withPlatformContext(post: Post, found: ReadonlyArray<PlatformContext | null>): Post {
  const contexts: PlatformContext[] = [];
  for (const context of found) {
    if (context === null || contexts.length >= PLATFORM_CONTEXTS_MAX) continue;
    if (!contexts.some((kept) => kept.kind === context.kind && kept.text === context.text))
      contexts.push(context);
  }
  return contexts.length === 0 ? post : { ...post, platformContext: contexts };
}

/** Spaces and tabs collapsed, lines trimmed, at most one blank line in a row. */
function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
