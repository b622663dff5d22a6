import * as z from 'zod/mini';
import {
  ALT_MAX,
  IMAGES_MAX,
  LINKS_MAX,
  PLATFORM_CONTEXT_KINDS,
  PLATFORM_CONTEXT_TEXT_MAX,
  PLATFORM_CONTEXTS_MAX,
  POST_TEXT_MAX,
  REPLY_TO_MAX,
  SHORT_TEXT_MAX,
  SITE_IDS,
  URL_MAX,
} from './post-caps';
import { VIDEO_ID } from './video';

// The Post's schema (zod/mini), for whoever validates posts: the background checks every post a
// frame sends (utils/messaging/note-port-requests.ts), tests check what adapters extract.
// Content scripts use the types only (post.ts), so their page-load bundles do not build it.

export const siteIdSchema = z.enum(SITE_IDS);

const shortText = () => z.string().check(z.maxLength(SHORT_TEXT_MAX));
const url = () => z.string().check(z.maxLength(URL_MAX));

const authorSchema = z.object({
  name: shortText(),
  /** Without the leading "@". */
  handle: shortText(),
});

const mediaSchema = z.object({
  /** Alt text of each image, in order; the site's placeholder ("Image") when the author wrote none. */
  imageAlts: z.array(z.string().check(z.maxLength(ALT_MAX))).check(z.maxLength(IMAGES_MAX)),
  /**
   * Each image's address on the site's media host, in imageAlts' order, at a size a model can
   * read (about 1,000 px: X's name=medium, Bluesky's feed_fullsize); '' where the page gives
   * none. Absent where the adapter reads no image addresses.
   */
  imageUrls: z.optional(z.array(url()).check(z.maxLength(IMAGES_MAX))),
  hasVideo: z.boolean(),
  /** The video's alt text or caption, where the site shows one (no frames are ever sent). */
  videoAlt: z.optional(z.string().check(z.maxLength(ALT_MAX))),
});

export const platformContextSchema = z.object({
  kind: z.enum(PLATFORM_CONTEXT_KINDS),
  /** What the page shows, without its chrome ("Readers added context…", "Rate it"). */
  text: z.string().check(z.maxLength(PLATFORM_CONTEXT_TEXT_MAX)),
  /** A link the context itself gives (an info panel's source, a note's page), http(s); else null. */
  url: z.nullable(url()),
  /**
   * The post's author wrote it (a Mastodon content warning): the card shows it as theirs, and it
   * is not evidence (it is the post speaking).
   */
  byAuthor: z.optional(z.boolean()),
});
export type PlatformContext = z.infer<typeof platformContextSchema>;

/** A post nested in another (the quoted post); it may have no id or permalink of its own. */
export const quotedPostSchema = z.object({
  id: z.nullable(shortText()),
  url: z.nullable(url()),
  author: authorSchema,
  time: z.nullable(z.string().check(z.maxLength(64))),
  text: z.string().check(z.maxLength(POST_TEXT_MAX)),
  lang: z.nullable(z.string().check(z.maxLength(35))),
  truncated: z.boolean(),
  media: mediaSchema,
});

export const postSchema = z.object({
  site: siteIdSchema,
  /** The site's own id for the post (X: the status id). */
  id: z.string().check(z.minLength(1), z.maxLength(SHORT_TEXT_MAX)),
  url: url(),
  author: authorSchema,
  /** ISO 8601 UTC, or null when the page does not say. */
  time: z.nullable(z.string().check(z.maxLength(64))),
  /** Full text: emoji as characters, links as their full target URL, line breaks kept. */
  text: z.string().check(z.maxLength(POST_TEXT_MAX)),
  /** BCP-47 language of the text as displayed, when the page says. */
  lang: z.nullable(z.string().check(z.maxLength(35))),
  /** The page shows only part of the text ("Show more"). */
  truncated: z.boolean(),
  /** Full URLs linked from the text. */
  links: z.array(url()).check(z.maxLength(LINKS_MAX)),
  media: mediaSchema,
  quoted: z.nullable(quotedPostSchema),
  /**
   * The post this one replies to, when the page shows it (a thread's previous post, a comment's
   * parent comment, or the post a top-level comment is under); context for the note, like `quoted`.
   */
  parent: z.nullable(quotedPostSchema),
  /** Handles this post replies to, as the page shows them (without "@"). */
  replyTo: z.array(shortText()).check(z.maxLength(REPLY_TO_MAX)),
  /** Context the platform shows on the post; absent where the adapter reads none. */
  platformContext: z.optional(z.array(platformContextSchema).check(z.maxLength(PLATFORM_CONTEXTS_MAX))),
  /**
   * The post is a video page's video itself (YouTube's watch page): its id, from which the page's
   * transcript is read (utils/core/video.ts). Absent on every other post.
   */
  video: z.optional(z.object({ id: z.string().check(z.regex(VIDEO_ID)) })),
});

export type Post = z.infer<typeof postSchema>;
export type QuotedPost = z.infer<typeof quotedPostSchema>;
export type PostMedia = z.infer<typeof mediaSchema>;
