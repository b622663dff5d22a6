import OpenAI, { APIUserAbortError } from 'openai';
import type {
  ChatCompletionContentPartImage,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { OutputMode } from '../core/output-mode';
import { responseFormat, type JsonSchemaFormat } from './output-modes';
import type { ChatImage, ChatMessage } from './prompt';
import { NoteFailure, toNoteError } from './provider-errors';
import { noteError } from '../core/note-error';
import type { RequestLanguages } from './answer-language';

/** Everything needed to talk to one OpenAI-compatible endpoint. Background only (holds the key). */
/**
 * The longest answer read from a model (a note is ~2 KB, a batch of 20 ~40 KB): a hostile or
 * runaway endpoint cannot stream an unbounded answer into memory and the card.
 */
export const MAX_ANSWER_CHARS = 200_000;

export interface ChatEndpoint {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Longest wait for the first byte, and between two chunks of a stream. */
  timeoutMs: number;
}

export interface ChatResult {
  content: string;
  usage: { promptTokens: number; completionTokens: number } | null;
}

function createClient(endpoint: ChatEndpoint): OpenAI {
  return new OpenAI({
    baseURL: endpoint.baseUrl,
    // Local servers need no key, but the SDK insists on one; they ignore the header.
    apiKey: endpoint.apiKey || 'no-key',
    // This is the user's own key in their own browser, sent only to the endpoint they chose.
    dangerouslyAllowBrowser: true,
    // One retry on 429/5xx/connection errors, honouring Retry-After (the SDK's own backoff).
    maxRetries: 1,
    // Our idle timer (callEndpoint) is what times requests out; this is only a backstop, longer
    // so that the SDK does not retry a timed-out request behind the idle timer's back.
    timeout: endpoint.timeoutMs * 2,
  });
}

/**
 * Streams one chat completion whose answer is a JSON object, calling `onContent` with the
 * whole answer so far after each chunk. Any failure is thrown as a NoteFailure with a
 * specific NoteError.
 */
export async function streamChatJson(
  endpoint: ChatEndpoint,
  messages: ChatMessage[],
  format: JsonSchemaFormat,
  mode: OutputMode,
  options: {
    signal: AbortSignal;
    onContent: (answerSoFar: string) => void;
    /** Only Chrome's on-device model uses them (it must be told); HTTP endpoints read the prompt. */
    languages?: RequestLanguages;
  },
): Promise<ChatResult> {
  return callEndpoint(endpoint, options.signal, async (client, idle) => {
    const stream = await client.chat.completions.create(
      {
        model: endpoint.model,
        messages: requestMessages(messages),
        stream: true,
        stream_options: { include_usage: true },
        response_format: responseFormat(mode, format),
      },
      { signal: idle.signal },
    );
    let content = '';
    let usage: ChatResult['usage'] = null;
    for await (const chunk of stream) {
      idle.rearm();
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        content += delta;
        if (content.length > MAX_ANSWER_CHARS) {
          throw new NoteFailure(
            noteError(
              'malformed',
              `${endpoint.baseUrl} sent an answer longer than ${MAX_ANSWER_CHARS} characters; it was cut off.`,
            ),
          );
        }
        options.onContent(content);
      }
      if (chunk.usage) {
        usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
      }
    }
    // The SDK ends an aborted stream quietly instead of throwing: a timeout or cancel mid-stream
    // must not pass for a complete (and then malformed) answer.
    if (idle.signal.aborted) throw new APIUserAbortError();
    if (!content)
      throw new NoteFailure(noteError('malformed', `${endpoint.baseUrl} returned an empty answer.`));
    return { content, usage };
  });
}

/**
 * How closely OpenAI looks at each picture: 'low' is one 512 px view at a fixed 85 tokens, which
 * is what the images' token estimate counts (utils/background/post-images.ts). A headline or a
 * chart's title reads at that size; other providers ignore the field.
 */
export const IMAGE_DETAIL = 'low';

/**
 * The messages as the endpoint takes them: a user message with pictures becomes its text, then
 * one image part per picture in order; every other message keeps its text as a plain string,
 * so a request without pictures is the same, byte for byte, as before pictures existed.
 */
export function requestMessages(messages: readonly ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map(({ role, content, images }) =>
    role === 'user' && images?.length
      ? { role, content: [{ type: 'text', text: content }, ...images.map(imagePart)] }
      : { role, content },
  );
}

function imagePart(image: ChatImage): ChatCompletionContentPartImage {
  return { type: 'image_url', image_url: { url: image.dataUrl, detail: IMAGE_DETAIL } };
}

/** The endpoint's model ids: what "Test connection" shows, and proof that the key works. */
export async function listModels(endpoint: ChatEndpoint): Promise<string[]> {
  return callEndpoint(endpoint, undefined, async (client, idle) => {
    const ids: string[] = [];
    for await (const model of client.models.list({ signal: idle.signal })) ids.push(model.id);
    return ids.sort();
  });
}

/** Runs one call with an idle timeout, turning every failure into a specific NoteFailure. */
async function callEndpoint<T>(
  endpoint: ChatEndpoint,
  parent: AbortSignal | undefined,
  run: (client: OpenAI, idle: IdleAbort) => Promise<T>,
): Promise<T> {
  const idle = idleAbort(endpoint.timeoutMs, parent);
  try {
    return await run(createClient(endpoint), idle);
  } catch (err) {
    const timedOutAfterMs = idle.timedOut() ? endpoint.timeoutMs : null;
    throw new NoteFailure(
      toNoteError(err, {
        baseUrl: endpoint.baseUrl,
        model: endpoint.model,
        apiKey: endpoint.apiKey,
        timedOutAfterMs,
      }),
    );
  } finally {
    idle.dispose();
  }
}

type IdleAbort = ReturnType<typeof idleAbort>;

/**
 * An abort signal that fires when nothing arrived for `ms` (the SDK's own timeout stops at the
 * response headers, so a stream that stalls later would otherwise spin forever), or when
 * `parent` aborts.
 */
function idleAbort(ms: number, parent?: AbortSignal) {
  const controller = new AbortController();
  let fired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      fired = true;
      controller.abort();
    }, ms);
  };
  const forwardAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) forwardAbort();
  parent?.addEventListener('abort', forwardAbort);
  rearm();
  return {
    signal: controller.signal,
    rearm,
    timedOut: () => fired,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', forwardAbort);
    },
  };
}
