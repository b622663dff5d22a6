import * as z from 'zod/mini';
import { URL_MAX } from '../core/post';
import { postSchema } from '../core/post-schema';
import { BATCH_MAX } from '../ai/batch-size';
import { transcriptResultSchema } from '../core/video';

/**
 * What a tab's frame sends over the note port (NOTE_PORT_NAME, protocol.ts): note requests,
 * cache peeks, cancels, batches and triage. Apart from protocol.ts because only the background
 * validates them: the content scripts, whose page-load size is budgeted, import their types only.
 */

export const noteRequestSchema = z.object({
  type: z.literal('note:request'),
  requestId: z.string().check(z.minLength(1), z.maxLength(100)),
  post: postSchema,
  /** Skip the cache (the user asked to regenerate). */
  refresh: z._default(z.boolean(), false),
  /**
   * A source the reader suggested ("Suggest a source"): the note is rewritten with it as
   * evidence, keeping the version before (meta.revision). Implies refresh.
   */
  suggestedSource: z.optional(z.string().check(z.maxLength(URL_MAX))),
  /** A video post's transcript as the page gave it, or why it gave none (utils/core/video.ts). */
  video: z.optional(transcriptResultSchema()),
});
/**
 * Only what the background's cache holds for the post (a badge the pointer or focus is on, or the
 * first step of a request): answered with note:done or note:miss; never a model call or usage.
 * The post's language is not needed: cached notes are not keyed by it.
 */
export const notePeekSchema = z.object({
  type: z.literal('note:peek'),
  requestId: z.string().check(z.minLength(1), z.maxLength(100)),
  post: postSchema,
});
export const noteCancelSchema = z.object({
  type: z.literal('note:cancel'),
  requestId: z.string().check(z.minLength(1), z.maxLength(100)),
});
/** "Summarize visible": several posts in one model call; results come back per item requestId. */
export const batchRequestSchema = z.object({
  type: z.literal('batch:request'),
  batchId: z.string().check(z.minLength(1), z.maxLength(100)),
  items: z
    .array(z.object({ requestId: z.string().check(z.minLength(1), z.maxLength(100)), post: postSchema }))
    .check(z.minLength(1), z.maxLength(BATCH_MAX)),
});
/**
 * Triage of posts the reader scrolled past (the site's triage switch on): one model call for up
 * to BATCH_MAX posts; each post's verdict comes back on its own (triage:done), a post the answer
 * left out as triage:skipped, and a failure that stops triage for now (rate limit, budget,
 * provider down) as triage:paused for the whole batch.
 */
export const triageRequestSchema = z.object({
  type: z.literal('triage:request'),
  batchId: z.string().check(z.minLength(1), z.maxLength(100)),
  items: z
    .array(z.object({ requestId: z.string().check(z.minLength(1), z.maxLength(100)), post: postSchema }))
    .check(z.minLength(1), z.maxLength(BATCH_MAX)),
});
export const notePortInSchema = z.discriminatedUnion('type', [
  noteRequestSchema,
  notePeekSchema,
  noteCancelSchema,
  batchRequestSchema,
  triageRequestSchema,
]);
export type NoteRequest = z.input<typeof noteRequestSchema>;
export type NotePortIn = z.input<typeof notePortInSchema>;
