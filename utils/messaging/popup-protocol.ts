import * as z from 'zod/mini';
import { noteErrorSchema } from '../core/note-error';
import { noteSchema } from '../core/note-schema';
import type { NoteStatus } from '../core/note-state';
import { threadViewSchema } from '../core/thread';
import { triageSchema } from '../core/triage';

/*
 * Content script → popup, over the popup port (POPUP_PORT_NAME in protocol.ts): the page's post
 * list and its changes. Only the popup validates these messages; the content script imports the
 * types.
 */

/** The statuses of NoteState, and 'idle' (never asked): exactly NoteStatus, checked by the compiler. */
const NOTE_STATUS_VALUES = {
  idle: 'idle',
  loading: 'loading',
  streaming: 'streaming',
  done: 'done',
  error: 'error',
  nothing: 'nothing',
} as const satisfies { [S in NoteStatus]: S };

export const postListItemSchema = z.object({
  key: z.string(),
  url: z.string(),
  authorName: z.string(),
  handle: z.string(),
  excerpt: z.string(),
  status: z.enum(NOTE_STATUS_VALUES),
  note: z.nullable(noteSchema),
  error: z.nullable(noteErrorSchema),
  /** What triage said of the post, when the site's triage is on and it was triaged. */
  triage: z.nullable(triageSchema),
});
export type PostListItem = z.infer<typeof postListItemSchema>;
/** A SiteDiagnostic (utils/core/site-diagnostic.ts). */
export const siteDiagnosticSchema = z.object({
  version: z.string(),
  site: z.string(),
  path: z.string(),
  selectors: z.array(z.object({ name: z.string(), selector: z.string(), count: z.number() })),
});
/** The digest of the last "summarize visible" on the page, as it streams. */
const visibleDigestSchema = z.nullable(z.object({ text: z.string(), final: z.boolean() }));
export const postListSchema = z.object({
  site: z.string(),
  posts: z.array(postListItemSchema),
  digest: visibleDigestSchema,
  /**
   * Set when a page that should show posts has shown none for a while: the site may have
   * changed, and this is what the reader can copy into a report.
   */
  noPosts: z.nullable(siteDiagnosticSchema),
  /** Why triage is paused on the page (rate limit, budget, no provider…); null while it runs or is off. */
  triagePause: z.nullable(noteErrorSchema),
  /** The page is a thread or item page: "Summarize this discussion" is offered. */
  threadPage: z.boolean(),
  /** The page's thread digest, once asked for (it streams). */
  thread: z.nullable(threadViewSchema),
});
export type PostList = z.infer<typeof postListSchema>;

export const popupPortMessageSchema = z.discriminatedUnion('type', [
  /** Everything, when the popup connects. */
  z.object({ type: z.literal('page'), list: postListSchema }),
  /** The page's posts changed (added, removed, re-rendered as another post): all of them, in page order. */
  z.object({ type: z.literal('posts'), posts: z.array(postListItemSchema) }),
  /** One post's note state changed. */
  z.object({ type: z.literal('post'), post: postListItemSchema }),
  z.object({ type: z.literal('digest'), digest: visibleDigestSchema }),
  z.object({ type: z.literal('no-posts'), noPosts: z.nullable(siteDiagnosticSchema) }),
  /** Triage paused, or runs again. */
  z.object({ type: z.literal('triage-pause'), triagePause: z.nullable(noteErrorSchema) }),
  /** The thread digest changed (progress, a streamed point, done, an error). */
  z.object({ type: z.literal('thread'), thread: z.nullable(threadViewSchema) }),
]);
export type PopupPortMessage = z.infer<typeof popupPortMessageSchema>;
