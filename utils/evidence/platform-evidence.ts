import { clipCodePoints } from '../core/clip-text';
import { EVIDENCE_EXCERPT_MAX, EVIDENCE_TITLE_MAX } from '../core/evidence';
import type { PlatformContextKind, Post, SiteId } from '../core/post';
import type { NumberedEvidence } from './gather-evidence';

/** The platform's own context is always E0: before anything Footnote gathered (E1…). */
export const PLATFORM_EVIDENCE_ID = 'E0';

const PLATFORM_NAMES: Record<SiteId, string> = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  reddit: 'Reddit',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  hackernews: 'Hacker News',
  youtube: 'YouTube',
  generic: 'The site',
};

/** How the model and the sources list name each kind (the card has its own, translated words). */
const KIND_TITLES: Record<PlatformContextKind, string> = {
  community_note: 'Community Note',
  label: 'Label',
  content_warning: 'Content warning',
  info_panel: 'Information panel',
  moderation: 'Moderator notice',
};

/**
 * The context the page shows on the post (a Community Note, a label, a content warning, …) as
 * evidence E0: one item, each context on its own line under its kind. Null when there is none.
 * Its text came from the page like the post's, so the prompt treats it as untrusted data too.
 */
export function platformEvidence(post: Post): NumberedEvidence | null {
  // The author's own words (a content warning they wrote) are the post's, not context on it.
  const contexts = (post.platformContext ?? []).filter(
    (context) => !context.byAuthor && context.text.trim() !== '',
  );
  const [first] = contexts;
  if (!first) return null;
  const platform = PLATFORM_NAMES[post.site];
  return {
    id: PLATFORM_EVIDENCE_ID,
    kind: 'platform',
    url: contexts.find((context) => context.url)?.url ?? post.url,
    title: clipCodePoints(`${KIND_TITLES[first.kind]} (${platform})`, EVIDENCE_TITLE_MAX),
    publisher: platform,
    review: null,
    excerpt: clipCodePoints(
      contexts.map((context) => `${KIND_TITLES[context.kind]}: ${context.text.trim()}`).join('\n'),
      EVIDENCE_EXCERPT_MAX,
    ),
    publishedAt: null,
    late: false,
  };
}
