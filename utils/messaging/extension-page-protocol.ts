import * as z from 'zod/mini';
import { noteErrorSchema } from '../core/note-error';
import { noteMetaSchema } from '../core/note-meta';
import { noteSchema } from '../core/note-schema';
import { providerDraftSchema } from '../settings/provider-settings';
import { doneSchema, optionsOpen, type RequestMap } from './protocol';

/**
 * The one-shot requests our extension pages (options, popup) send the background, with their
 * answers' schemas (the rest of the protocol is in protocol.ts). Apart because content scripts
 * never send them: their page-load bundles do not build these schemas (nor the provider
 * settings they check).
 */

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

/** An endpoint that failed the test is an answer too, with the endpoint's error. */
export const providerTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), models: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: noteErrorSchema }),
]);
export type ProviderTestResult = z.infer<typeof providerTestResultSchema>;

const siteOriginSchema = z.string().check(z.maxLength(300));

/** Requests from our extension pages (options, popup) to the background (runtime.sendMessage). */
const extensionPageRequestDefs = {
  /** Check an endpoint with settings that may not be saved yet. */
  'provider:test': {
    request: z.object({ type: z.literal('provider:test'), draft: providerDraftSchema }),
    response: providerTestResultSchema,
  },
  /** Past notes, most recent first. */
  'notes:history': {
    request: z.object({ type: z.literal('notes:history') }),
    response: noteHistorySchema,
  },
  /** Forget every cached note. */
  'notes:clear': {
    request: z.object({ type: z.literal('notes:clear') }),
    response: doneSchema,
  },
  /** The popup (once the host permission was granted), an imported file: run Footnote on this origin. */
  'sites:enable': {
    request: z.object({ type: z.literal('sites:enable'), origin: siteOriginSchema }),
    response: doneSchema,
  },
  /** Options: stop running on an origin enabled earlier. */
  'sites:disable': {
    request: z.object({ type: z.literal('sites:disable'), origin: siteOriginSchema }),
    response: doneSchema,
  },
  'options:open': optionsOpen,
  /**
   * Options' "Update now": download the saved source-rating list at once (nothing while source
   * ratings are off); answered when done. Options reads the outcome from the list's status item.
   */
  'ratings:refresh': {
    request: z.object({ type: z.literal('ratings:refresh') }),
    response: doneSchema,
  },
  /**
   * Options' "Delete all Footnote data": every note, key, setting and site, the granted host
   * permissions too (utils/background/delete-all-data.ts); refused, naming what could not go.
   */
  'data:delete-all': {
    request: z.object({ type: z.literal('data:delete-all') }),
    response: doneSchema,
  },
} as const;

export type ExtensionPageRequests = typeof extensionPageRequestDefs;
export const EXTENSION_PAGE_REQUESTS: RequestMap<ExtensionPageRequests> = extensionPageRequestDefs;
