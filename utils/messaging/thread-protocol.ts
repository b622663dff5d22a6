import * as z from 'zod/mini';
import { noteErrorSchema } from '../core/note-error';
import {
  digestMetaSchema,
  digestProgressSchema,
  digestSchema,
  THREAD_POSTS_MAX,
  threadPostSchema,
} from '../core/thread';

/**
 * The thread digest's own port, apart from the note port: only the thread panel (in the card UI
 * bundle, loaded on first use) speaks it, so none of this is in the content scripts' page-load
 * bundles. One port per digest run; closing it cancels the run.
 */
export const THREAD_PORT_NAME = 'footnote:thread';

const id = () => z.string().check(z.minLength(1), z.maxLength(100));

// ---- card UI (content script's world) → background ----
export const threadRequestSchema = z.object({
  type: z.literal('thread:request'),
  threadId: id(),
  /** The thread's page, without its fragment: part of the cache key. */
  url: z.string().check(z.maxLength(2_000)),
  /** The page's title: what the thread is, for the model. Untrusted, like the posts. */
  title: z.string().check(z.maxLength(500)),
  /** The thread's posts in page order; the first is the thread's head where the page has one. */
  posts: z.array(threadPostSchema).check(z.minLength(1), z.maxLength(THREAD_POSTS_MAX)),
  /** Posts the page had beyond THREAD_POSTS_MAX (not sent). */
  leftOut: z.number(),
  /**
   * Update: a cached digest of this thread exists; send only the posts it does not cover, with
   * it, and merge. False: answer from the cache when it covers the posts (or offer an update).
   */
  update: z._default(z.boolean(), false),
  /** Skip the cache and summarize everything again. */
  refresh: z._default(z.boolean(), false),
});
export const threadCancelSchema = z.object({ type: z.literal('thread:cancel'), threadId: id() });
export const threadPortInSchema = z.discriminatedUnion('type', [threadRequestSchema, threadCancelSchema]);
export type ThreadRequest = z.input<typeof threadRequestSchema>;
export type ThreadPortIn = z.input<typeof threadPortInSchema>;

// ---- background → card UI ----
export const threadPortOutSchema = z.discriminatedUnion('type', [
  /** Before each model call: chunk `done` of `total` summarized, or the merge under way. */
  z.object({ type: z.literal('thread:progress'), threadId: z.string(), progress: digestProgressSchema }),
  /** The digest so far (points stream in); refs already mapped to post keys and filtered. */
  z.object({ type: z.literal('thread:partial'), threadId: z.string(), digest: digestSchema }),
  /**
   * The digest. `newPosts`: posts of the request the digest does not cover (a cached digest of a
   * thread that grew): the panel offers "Update".
   */
  z.object({
    type: z.literal('thread:done'),
    threadId: z.string(),
    digest: digestSchema,
    meta: digestMetaSchema,
    newPosts: z.number(),
  }),
  /** The run failed or was stopped (budget, provider); `digest` is what was done before, if any. */
  z.object({
    type: z.literal('thread:error'),
    threadId: z.string(),
    error: noteErrorSchema,
    digest: z.nullable(digestSchema),
  }),
]);
export type ThreadPortOut = z.infer<typeof threadPortOutSchema>;
