import * as z from 'zod/mini';

/**
 * Every way a note can fail, each with its own message and action (docs/ARCHITECTURE.md, Failures).
 * `action` tells the UI which button to offer.
 */
export const NOTE_ERROR_CODES = [
  'no_provider',
  'auth',
  'forbidden',
  'model_not_found',
  /** The model cannot write in the answer language (Chrome's on-device model). */
  'language_unsupported',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'malformed',
  'budget_exhausted',
  'cancelled',
  'invalid_request',
  'internal',
] as const;
export type NoteErrorCode = (typeof NOTE_ERROR_CODES)[number];

export const noteErrorSchema = z.object({
  code: z.enum(NOTE_ERROR_CODES),
  /** Specific, human-readable: what happened, with the provider's own words when it gave any. */
  message: z.string(),
  action: z.nullable(z.enum(['open_options', 'retry'])),
  /** HTTP status when the provider answered with one. */
  status: z.nullable(z.number()),
  /** When the provider asked us to wait (429 Retry-After), in ms. */
  retryAfterMs: z.nullable(z.number()),
});
export type NoteError = z.infer<typeof noteErrorSchema>;

export function noteError(
  code: NoteErrorCode,
  message: string,
  extra: Partial<Pick<NoteError, 'status' | 'retryAfterMs'>> = {},
): NoteError {
  const action =
    code === 'no_provider' ||
    code === 'auth' ||
    code === 'forbidden' ||
    code === 'model_not_found' ||
    code === 'language_unsupported' ||
    code === 'budget_exhausted'
      ? 'open_options'
      : code === 'cancelled' || code === 'invalid_request'
        ? null
        : 'retry';
  return { code, message, action, status: extra.status ?? null, retryAfterMs: extra.retryAfterMs ?? null };
}
