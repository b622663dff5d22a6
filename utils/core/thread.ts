import * as z from 'zod/mini';
import { noteErrorSchema } from './note-error';
import { tokenUsageSchema } from './note-meta';
import { SHORT_TEXT_MAX, URL_MAX } from './post';

/**
 * A discussion summarized as a whole ("Summarize this discussion"): the thread's posts the page
 * has loaded, with their reply structure, go to the model in chunks (map), whose digests are
 * merged into one (reduce). Each point of the digest names the posts it draws on, so the reader
 * can jump back to them.
 */

/** Posts of one thread sent at most: a bigger page is summarized from its first ones (said so). */
export const THREAD_POSTS_MAX = 5_000;
/** One post's text sent, in UTF-16 units (what the schema counts): the start of a long comment tells its position. */
export const THREAD_TEXT_MAX = 2_000;
/** Points per section of a digest, and posts cited per point: what code keeps of an answer. */
export const DIGEST_POINTS_MAX = 6;
export const DIGEST_REFS_MAX = 8;
export const DIGEST_TEXT_MAX = 600;

/** One post of a thread as the content script collects it: what a digest needs, no more. */
export const threadPostSchema = z.object({
  /** postKey(): `<site>:<native id>`, the post root's `data-footnote-post`. */
  key: z.string().check(z.minLength(1), z.maxLength(SHORT_TEXT_MAX)),
  /** The key of the post it replies to, when the page shows the reply structure. */
  parentKey: z.nullable(z.string().check(z.maxLength(SHORT_TEXT_MAX))),
  url: z.string().check(z.maxLength(URL_MAX)),
  author: z.object({
    name: z.string().check(z.maxLength(SHORT_TEXT_MAX)),
    handle: z.string().check(z.maxLength(SHORT_TEXT_MAX)),
  }),
  time: z.nullable(z.string().check(z.maxLength(64))),
  /** Clipped to THREAD_TEXT_MAX by the collector. */
  text: z.string().check(z.maxLength(THREAD_TEXT_MAX)),
});
export type ThreadPost = z.infer<typeof threadPostSchema>;

/** How widely a position is held among the posts summarized. */
export const SUPPORT_LEVELS = ['most', 'many', 'some', 'few'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

const digestText = () => z.string().check(z.maxLength(DIGEST_TEXT_MAX));
/** Post keys (never the model's refs: the background maps and filters them). */
const refs = () => z.array(z.string().check(z.maxLength(SHORT_TEXT_MAX))).check(z.maxLength(DIGEST_REFS_MAX));

export const digestSchema = z.object({
  /** What the thread is about: one or two neutral sentences. */
  about: digestText(),
  /** The 3–6 main positions, most widely held first. */
  positions: z
    .array(z.object({ point: digestText(), support: z.enum(SUPPORT_LEVELS), posts: refs() }))
    .check(z.maxLength(DIGEST_POINTS_MAX)),
  /** Factual claims people disagree on, and who holds each side. */
  disputed: z
    .array(z.object({ claim: digestText(), sides: digestText(), posts: refs() }))
    .check(z.maxLength(DIGEST_POINTS_MAX)),
  /** The strongest contributions that cite a source. */
  sourced: z.array(z.object({ point: digestText(), posts: refs() })).check(z.maxLength(DIGEST_POINTS_MAX)),
  /** Questions the thread leaves open. */
  questions: z
    .array(z.object({ question: digestText(), posts: refs() }))
    .check(z.maxLength(DIGEST_POINTS_MAX)),
});
export type Digest = z.infer<typeof digestSchema>;

/** What is kept with a digest besides the digest. */
export const digestMetaSchema = z.object({
  provider: z.string(),
  model: z.string(),
  promptVersion: z.string(),
  /** Posts the digest is based on ("based on the N comments shown"). */
  posts: z.number(),
  /** Posts the page had beyond THREAD_POSTS_MAX, not summarized. */
  leftOut: z.number(),
  /** Chunks the thread was split into, and those whose answer stayed invalid (1-based). */
  chunks: z.number(),
  skippedChunks: z.array(z.number()),
  /** Model calls made (maps, merges, repairs) and their tokens. */
  requests: z.number(),
  usage: tokenUsageSchema,
  createdAt: z.number(),
  fromCache: z.boolean(),
});
export type DigestMeta = z.infer<typeof digestMetaSchema>;

/** Where a running digest is: chunk `done` of `total` summarized; `merging` once all are. */
export const digestProgressSchema = z.object({
  done: z.number(),
  total: z.number(),
  merging: z.boolean(),
});
export type DigestProgress = z.infer<typeof digestProgressSchema>;

/**
 * A thread digest as the page and the popup show it. `digest` is the latest whole or partial
 * digest (points stream in); it stays after an error or a cancel, with what was done.
 */
export const threadViewSchema = z.object({
  status: z.enum(['running', 'done', 'error', 'cancelled', 'nothing']),
  progress: z.nullable(digestProgressSchema),
  digest: z.nullable(digestSchema),
  meta: z.nullable(digestMetaSchema),
  error: z.nullable(noteErrorSchema),
  /** Posts on the page that the shown (cached) digest does not cover: "Update" sends only them. */
  newPosts: z.number(),
  /** Author and link of every post the digest cites, by key, for the links back. */
  cited: z.record(z.string(), z.object({ author: z.string(), url: z.string() })),
});
export type ThreadView = z.infer<typeof threadViewSchema>;
