import * as z from 'zod/mini';
import { noteErrorSchema } from '../core/note-error';
import { noteMetaSchema } from '../core/note-meta';
import { noteSchema, partialNoteSchema } from '../core/note-schema';
import { triageSchema } from '../core/triage';
import { videoProgressSchema } from '../core/video';

/**
 * The typed protocol between the content script, the extension pages and the background. What
 * only extension pages send is in extension-page-protocol.ts, and what a frame sends over the
 * note port in note-port-requests.ts: content scripts do not build those schemas at page load.
 * Every message is validated with these schemas where it is received; every one-shot request
 * has the schema of its answer next to it, and the answer is validated where it arrives
 * (utils/messaging/client.ts).
 */

/** Runtime port over which one tab frame requests notes and receives them as they stream. */
export const NOTE_PORT_NAME = 'footnote:notes';

// ---- content script → background, over the note port: note-port-requests.ts (only the
// background validates them, so content scripts do not carry their schemas) ----

// ---- background → content script, over the note port ----
export const notePortOutSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('note:partial'), requestId: z.string(), note: partialNoteSchema }),
  /** A video's transcript being outlined: parts done of how many (before any partial note). */
  z.object({ type: z.literal('note:progress'), requestId: z.string(), progress: videoProgressSchema }),
  z.object({ type: z.literal('note:done'), requestId: z.string(), note: noteSchema, meta: noteMetaSchema }),
  z.object({ type: z.literal('note:error'), requestId: z.string(), error: noteErrorSchema }),
  /** The cache holds no note for a peek. */
  z.object({ type: z.literal('note:miss'), requestId: z.string() }),
  z.object({ type: z.literal('batch:digest'), batchId: z.string(), digest: z.string(), final: z.boolean() }),
  z.object({ type: z.literal('triage:done'), requestId: z.string(), triage: triageSchema }),
  /** The model's answer had no verdict for this post: it stays un-triaged (asked again once). */
  z.object({ type: z.literal('triage:skipped'), requestId: z.string() }),
  /** Triage cannot go on for now (rate limit, budget, provider down): none of the batch was triaged. */
  z.object({ type: z.literal('triage:paused'), batchId: z.string(), error: noteErrorSchema }),
]);
export type NotePortOut = z.infer<typeof notePortOutSchema>;
export type NoteItemOut = Exclude<NotePortOut, { type: 'batch:digest' }>;

// ---- one-shot requests: for each type, its schema and its answer's, by who may send it ----

/** The answer of a request that only needs to say it was done. */
export const doneSchema = z.object({ ok: z.literal(true) });

/**
 * The answer to any request that was refused (wrong context) or failed where it was handled;
 * the client turns it into a MessageRefusedError.
 */
export const messageFailureSchema = z.object({ ok: z.literal(false), error: noteErrorSchema });
export type MessageFailure = z.input<typeof messageFailureSchema>;

/** Open the options page (content scripts cannot themselves). */
export const optionsOpen = {
  request: z.object({ type: z.literal('options:open') }),
  response: doneSchema,
};

/** Requests from our content scripts to the background (runtime.sendMessage). */
const contentScriptRequestDefs = {
  /** Inject the card UI bundle into my frame (loaded on first use). */
  'card-ui:load': {
    request: z.object({ type: z.literal('card-ui:load') }),
    response: doneSchema,
  },
  'options:open': optionsOpen,
  /**
   * Show this post of my tab in the toolbar popup ("open in popup"). `opened` is false where the
   * browser does not let the background open it; the popup shows the post first when opened.
   */
  'popup:open': {
    request: z.object({ type: z.literal('popup:open'), key: z.string().check(z.maxLength(600)) }),
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * How many posts of my page are flagged now, for the toolbar button's badge on my tab (sent
   * when the number changes; 0 when the session ends).
   */
  'toolbar:flagged': {
    request: z.object({
      type: z.literal('toolbar:flagged'),
      count: z.int().check(z.gte(0)),
    }),
    response: doneSchema,
  },
} as const;

export const COMMANDS = ['summarize-post', 'summarize-visible', 'summarize-thread'] as const;
/** `ok`: the page found something to act on (a post to open, posts worth summarizing). */
const actedSchema = z.object({ ok: z.boolean() });

/** Requests from the extension (background, popup) to a tab's content script (tabs.sendMessage). */
const tabRequestDefs = {
  /** A keyboard shortcut, forwarded by the background to the active tab. */
  command: {
    request: z.object({ type: z.literal('command'), command: z.enum(COMMANDS) }),
    response: actedSchema,
  },
  /**
   * The context menu's "Footnote: check this post", to the frame that was right-clicked: open the
   * card for the post right-clicked. `ok` is false when no post was there (the card says so).
   */
  'menu:check-post': {
    request: z.object({ type: z.literal('menu:check-post') }),
    response: actedSchema,
  },
  /** Popup: open the card for one post and request its note. */
  'posts:open': {
    request: z.object({ type: z.literal('posts:open'), key: z.string().check(z.maxLength(600)) }),
    response: actedSchema,
  },
  /**
   * Popup: scroll to one post of the page, highlight it briefly and focus it (a digest's link back
   * to a comment). `ok` is false when the post is no longer on the page.
   */
  'posts:focus': {
    request: z.object({ type: z.literal('posts:focus'), key: z.string().check(z.maxLength(600)) }),
    response: actedSchema,
  },
  /**
   * Popup: the page's thread digest ("Summarize this discussion"): start it (from the cache when
   * it has it), update a cached one with the posts it does not cover, write it again, or cancel.
   */
  thread: {
    request: z.object({
      type: z.literal('thread'),
      action: z.enum(['summarize', 'update', 'refresh', 'cancel']),
    }),
    response: actedSchema,
  },
} as const;

/**
 * A schema seen only through what it parses to. Code that is generic over a request type reads
 * the maps through this, so TypeScript links the parsed data to that type.
 */
export interface Parser<T> {
  safeParse(raw: unknown): { success: true; data: T } | { success: false };
}
/** Each request type of one channel: the schema of the request and of its answer. */
export type RequestDefs = Record<string, { request: z.ZodMiniType; response: z.ZodMiniType }>;
export type RequestMap<D extends RequestDefs> = {
  readonly [K in keyof D]: {
    readonly request: Parser<z.output<D[K]['request']>>;
    readonly response: Parser<z.output<D[K]['response']>>;
  };
};
/** A request as it is sent (optional fields may be left out). */
export type RequestIn<D extends RequestDefs, K extends keyof D = keyof D> = z.input<D[K]['request']>;
/** A request as its handler receives it, validated. */
export type RequestOf<D extends RequestDefs, K extends keyof D = keyof D> = z.output<D[K]['request']>;
/** What a handler answers (checked against the response schema when it is compiled). */
export type ResponseIn<D extends RequestDefs, K extends keyof D> = z.input<D[K]['response']>;
/** The answer as the sender receives it, validated. */
export type ResponseOf<D extends RequestDefs, K extends keyof D> = z.output<D[K]['response']>;

export type ContentScriptRequests = typeof contentScriptRequestDefs;
export type TabRequests = typeof tabRequestDefs;
export const CONTENT_SCRIPT_REQUESTS: RequestMap<ContentScriptRequests> = contentScriptRequestDefs;
export const TAB_REQUESTS: RequestMap<TabRequests> = tabRequestDefs;

const typeField = z.object({ type: z.string() });

/** The request type a raw message claims to be, if `map` has it (the rest is not validated yet). */
export function requestType<M extends object>(map: M, raw: unknown): Extract<keyof M, string> | null {
  const parsed = typeField.safeParse(raw);
  return parsed.success && isKeyOf(map, parsed.data.type) ? parsed.data.type : null;
}

function isKeyOf<M extends object>(map: M, key: string): key is Extract<keyof M, string> {
  return Object.hasOwn(map, key);
}

/**
 * Port the popup opens to its tab's top frame (tabs.connect): the content script pushes the
 * page's post list and every change of it, so the popup never asks again.
 */
export const POPUP_PORT_NAME = 'footnote:popup';
