import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { noteError, type NoteError } from '../core/note-error';

/** Thrown by our own code paths so they map to a specific NoteError like the SDK's do. */
export class NoteFailure extends Error {
  constructor(readonly error: NoteError) {
    super(error.message);
  }
}

export interface ErrorContext {
  baseUrl: string;
  model: string;
  /** Never repeated in a message: some servers echo the key they refused. */
  apiKey: string;
  /** Set when our own timer aborted the request (so an abort is a timeout, not a cancel). */
  timedOutAfterMs: number | null;
}

/** Maps anything a provider call can throw to a specific, actionable NoteError. */
export function toNoteError(err: unknown, ctx: ErrorContext): NoteError {
  const error = describeFailure(err, ctx);
  // The message goes to the card, in the page: a key a proxy echoed back must not go with it.
  return ctx.apiKey.length >= 4
    ? { ...error, message: error.message.replaceAll(ctx.apiKey, '[API key]') }
    : error;
}

function describeFailure(err: unknown, ctx: ErrorContext): NoteError {
  if (err instanceof NoteFailure) return err.error;
  if (ctx.timedOutAfterMs !== null || err instanceof APIConnectionTimeoutError) {
    const seconds = Math.round((ctx.timedOutAfterMs ?? 0) / 1000);
    return noteError(
      'timeout',
      `No answer from ${ctx.baseUrl} for ${seconds} s. The server may be overloaded, or the model may be too slow for this timeout.`,
    );
  }
  if (err instanceof APIUserAbortError) return noteError('cancelled', 'The request was cancelled.');
  if (err instanceof APIConnectionError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return noteError(
      'network',
      `Could not connect to ${ctx.baseUrl}${cause}. Check the base URL and that the server is running.`,
    );
  }
  if (err instanceof APIError && typeof err.status === 'number') return fromHttpStatus(err, err.status, ctx);
  // A stream that breaks mid-way surfaces as a plain fetch/stream error.
  const detail = err instanceof Error ? err.message : String(err);
  return noteError(
    'network',
    `The connection to ${ctx.baseUrl} broke while the note was being written (${detail}).`,
  );
}

function fromHttpStatus(err: APIError, status: number, ctx: ErrorContext): NoteError {
  const said = providerMessage(err);
  const extra = { status };
  switch (true) {
    case status === 401:
      return noteError(
        'auth',
        `${ctx.baseUrl} rejected the API key (401)${said}. Check the key in options.`,
        extra,
      );
    case status === 403:
      return noteError(
        'forbidden',
        `${ctx.baseUrl} refused access (403)${said}.${localServerHint(ctx.baseUrl)}`,
        extra,
      );
    case status === 404:
      return noteError(
        'model_not_found',
        `Model "${ctx.model}" was not found at ${ctx.baseUrl} (404)${said}. Pick a model from the list in options.`,
        extra,
      );
    case status === 429:
      return noteError('rate_limited', `${ctx.baseUrl} is rate-limiting requests (429)${said}.`, {
        ...extra,
        retryAfterMs: retryAfterMs(err.headers),
      });
    case status >= 500:
      return noteError('server', `${ctx.baseUrl} had a server error (${status})${said}.`, extra);
    default:
      return noteError('invalid_request', `${ctx.baseUrl} refused the request (${status})${said}.`, extra);
  }
}

/**
 * The provider's own words, which are usually the most actionable part: OpenAI's shape is
 * `{"error":{"message":…}}`; LM Studio's is `{"error":"…"}`.
 */
function providerMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | string | undefined;
  const message = typeof body === 'string' ? body : typeof body?.message === 'string' ? body.message : '';
  return message ? `: "${message.slice(0, 300)}"` : '';
}

/** Ollama and LM Studio refuse browser-extension origins until told to accept them. */
function localServerHint(baseUrl: string): string {
  const host = safeHostname(baseUrl);
  if (host !== 'localhost' && host !== '127.0.0.1') return '';
  return ' If this is Ollama, restart it with OLLAMA_ORIGINS="chrome-extension://*,moz-extension://*"; in LM Studio, enable CORS in the server settings.';
}

function safeHostname(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Retry-After is seconds or an HTTP date; OpenAI also sends retry-after-ms. */
export function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
