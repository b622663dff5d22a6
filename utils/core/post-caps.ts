// What every layer knows of a post without its schema (utils/core/post-schema.ts): the caps and
// the fixed lists. Content scripts import these and post.ts; only what validates posts (the
// background, tests) imports the schema, so page-load bundles do not build it.

/** Hard caps: a post bigger than this is not a post (and would be a costly prompt). */
export const POST_TEXT_MAX = 20_000;
/** Caps on the other fields; adapters clip to them so a valid page never yields an invalid Post. */
export const SHORT_TEXT_MAX = 500;
export const URL_MAX = 2_000;
export const ALT_MAX = 5_000;
export const IMAGES_MAX = 20;
export const LINKS_MAX = 50;
export const REPLY_TO_MAX = 50;

export const SITE_IDS = [
  'x',
  'bluesky',
  'mastodon',
  'reddit',
  'threads',
  'linkedin',
  'facebook',
  'hackernews',
  'youtube',
  'generic',
] as const;
export type SiteId = (typeof SITE_IDS)[number];

/**
 * Context the platform itself shows on a post: an X Community Note, a Bluesky label or content
 * warning, a Mastodon content warning, a YouTube information panel, a Reddit removal or
 * moderator notice. Untrusted page text like the post; the card shows it first, marked as the
 * platform's, and the note request gives it to the model as evidence E0.
 */
export const PLATFORM_CONTEXT_KINDS = [
  'community_note',
  'label',
  'content_warning',
  'info_panel',
  'moderation',
] as const;
export type PlatformContextKind = (typeof PLATFORM_CONTEXT_KINDS)[number];
export const PLATFORM_CONTEXT_TEXT_MAX = 1_500;
export const PLATFORM_CONTEXTS_MAX = 5;
