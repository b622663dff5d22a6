import { z } from 'zod';

/** Hard caps: a post bigger than this is not a post (and would be a costly prompt). */
export const POST_TEXT_MAX = 20_000;
const SHORT_TEXT_MAX = 500;

export const SITE_IDS = ['x'] as const;
export const siteIdSchema = z.enum(SITE_IDS);
export type SiteId = z.infer<typeof siteIdSchema>;

const authorSchema = z.object({
  name: z.string().max(SHORT_TEXT_MAX),
  /** Without the leading "@". */
  handle: z.string().max(SHORT_TEXT_MAX),
});

const mediaSchema = z.object({
  /** Alt text of each image, in order; the site's placeholder ("Image") when the author wrote none. */
  imageAlts: z.array(z.string().max(5_000)).max(20),
  hasVideo: z.boolean(),
});

/** A post nested in another (the quoted post); it may have no id or permalink of its own. */
export const quotedPostSchema = z.object({
  id: z.string().max(SHORT_TEXT_MAX).nullable(),
  url: z.string().max(2_000).nullable(),
  author: authorSchema,
  time: z.string().max(64).nullable(),
  text: z.string().max(POST_TEXT_MAX),
  lang: z.string().max(35).nullable(),
  truncated: z.boolean(),
  media: mediaSchema,
});

export const postSchema = z.object({
  site: siteIdSchema,
  /** The site's own id for the post (X: the status id). */
  id: z.string().min(1).max(SHORT_TEXT_MAX),
  url: z.string().max(2_000),
  author: authorSchema,
  /** ISO 8601 UTC, or null when the page does not say. */
  time: z.string().max(64).nullable(),
  /** Full text: emoji as characters, links as their full target URL, line breaks kept. */
  text: z.string().max(POST_TEXT_MAX),
  /** BCP-47 language of the text as displayed, when the page says. */
  lang: z.string().max(35).nullable(),
  /** The page shows only part of the text ("Show more"). */
  truncated: z.boolean(),
  /** Full URLs linked from the text. */
  links: z.array(z.string().max(2_000)).max(50),
  media: mediaSchema,
  quoted: quotedPostSchema.nullable(),
  /** Handles this post replies to, as the page shows them (without "@"). */
  replyTo: z.array(z.string().max(SHORT_TEXT_MAX)).max(50),
});

export type Post = z.infer<typeof postSchema>;
export type QuotedPost = z.infer<typeof quotedPostSchema>;
export type PostMedia = z.infer<typeof mediaSchema>;

/** The key every layer uses for a post: `<site>:<native id>`, also the `data-footnote-post` value. */
export function postKey(post: Pick<Post, 'site' | 'id'>): string {
  return `${post.site}:${post.id}`;
}
