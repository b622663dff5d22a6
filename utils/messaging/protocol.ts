import * as z from 'zod/mini';
import { postSchema } from '../posts/post';
import { noteErrorSchema } from '../notes/note-error';
import { noteMetaSchema } from '../notes/note-meta';
import { BATCH_MAX } from '../ai/batch-size';
import { noteSchema, partialNoteSchema } from '../ai/note-schema';
import { providerDraftSchema } from '../settings/provider-settings';

/**
 * The typed protocol between the content script, the extension pages and the background.
 * Every message is validated with these schemas where it is received.
 */

/** Runtime port over which one tab frame requests notes and receives them as they stream. */
export const NOTE_PORT_NAME = 'footnote:notes';

// ---- content script → background, over the note port ----
export const noteRequestSchema = z.object({
  type: z.literal('note:request'),
  requestId: z.string().check(z.minLength(1), z.maxLength(100)),
  post: postSchema,
  /** Skip the cache (the user asked to regenerate). */
  refresh: z._default(z.boolean(), false),
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
export const notePortInSchema = z.discriminatedUnion('type', [
  noteRequestSchema,
  noteCancelSchema,
  batchRequestSchema,
]);
export type NoteRequest = z.input<typeof noteRequestSchema>;
export type NotePortIn = z.input<typeof notePortInSchema>;

// ---- background → content script, over the note port ----
export const notePortOutSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('note:partial'), requestId: z.string(), note: partialNoteSchema }),
  z.object({ type: z.literal('note:done'), requestId: z.string(), note: noteSchema, meta: noteMetaSchema }),
  z.object({ type: z.literal('note:error'), requestId: z.string(), error: noteErrorSchema }),
  z.object({ type: z.literal('batch:digest'), batchId: z.string(), digest: z.string(), final: z.boolean() }),
]);
export type NotePortOut = z.infer<typeof notePortOutSchema>;
export type NoteItemOut = Exclude<NotePortOut, { type: 'batch:digest' }>;

// ---- one-shot messages to the background (runtime.sendMessage) ----
export const backgroundRequestSchema = z.discriminatedUnion('type', [
  /** Extension pages only: check an endpoint with settings that may not be saved yet. */
  z.object({ type: z.literal('provider:test'), draft: providerDraftSchema }),
  /** Content script: inject the card UI bundle into my frame (loaded on first use). */
  z.object({ type: z.literal('card-ui:load') }),
  /** Content script: open the options page (content scripts cannot). */
  z.object({ type: z.literal('options:open') }),
  /** Content script: show this post of my tab in the toolbar popup ("open in popup"). */
  z.object({ type: z.literal('popup:open'), key: z.string().check(z.maxLength(600)) }),
  /** Extension pages: past notes, most recent first (answered with a NoteHistory). */
  z.object({ type: z.literal('notes:history') }),
  /** Extension pages: forget every cached note. */
  z.object({ type: z.literal('notes:clear') }),
  /** Popup, once the host permission was granted: run Footnote on this origin from now on. */
  z.object({ type: z.literal('sites:enable'), origin: z.string().check(z.maxLength(300)) }),
  /** Options: stop running on an origin enabled earlier. */
  z.object({ type: z.literal('sites:disable'), origin: z.string().check(z.maxLength(300)) }),
]);
export type BackgroundRequest = z.infer<typeof backgroundRequestSchema>;

export const noteHistorySchema = z.object({
  notes: z.array(
    z.object({
      post: z.object({
        key: z.string(),
        url: z.string(),
        authorName: z.string(),
        handle: z.string(),
        text: z.string(),
      }),
      note: noteSchema,
      meta: noteMetaSchema,
    }),
  ),
});
export type NoteHistory = z.infer<typeof noteHistorySchema>;

export const providerTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), models: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: noteErrorSchema }),
]);
export type ProviderTestResult = z.infer<typeof providerTestResultSchema>;

// ---- messages to a tab's content script (tabs.sendMessage) ----
export const COMMANDS = ['summarize-post', 'summarize-visible'] as const;
export const tabRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('command'), command: z.enum(COMMANDS) }),
  /** Popup: which posts does this page show, and what is their note state? */
  z.object({ type: z.literal('posts:list') }),
  /** Popup: open the card for one post and request its note. */
  z.object({ type: z.literal('posts:open'), key: z.string().check(z.maxLength(600)) }),
]);
export type TabRequest = z.infer<typeof tabRequestSchema>;

export const NOTE_STATUSES = ['idle', 'loading', 'streaming', 'done', 'error', 'nothing'] as const;
export const postListItemSchema = z.object({
  key: z.string(),
  url: z.string(),
  authorName: z.string(),
  handle: z.string(),
  excerpt: z.string(),
  status: z.enum(NOTE_STATUSES),
  note: z.nullable(noteSchema),
  error: z.nullable(noteErrorSchema),
});
export type PostListItem = z.infer<typeof postListItemSchema>;
/** See utils/sites/site-diagnostic.ts. */
export const siteDiagnosticSchema = z.object({
  version: z.string(),
  site: z.string(),
  path: z.string(),
  selectors: z.array(z.object({ name: z.string(), selector: z.string(), count: z.number() })),
});
export const postListSchema = z.object({
  site: z.string(),
  posts: z.array(postListItemSchema),
  /** The digest of the last "summarize visible" on this page, if any. */
  digest: z.nullable(z.object({ text: z.string(), final: z.boolean() })),
  /**
   * Set when a page that should show posts has shown none for a while: the site may have
   * changed, and this is what the reader can copy into a report.
   */
  noPosts: z.nullable(siteDiagnosticSchema),
});
export type PostList = z.infer<typeof postListSchema>;
