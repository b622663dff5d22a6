import { noteError } from '../core/note-error';
import type { RequestLanguages } from './answer-language';
import type { ChatEndpoint, ChatResult, streamChatJson } from './openai-chat';
import type { OutputMode } from '../core/output-mode';
import { modesFrom, outputModeKey, type JsonSchemaFormat } from './output-modes';
import { jsonObjectText } from './partial-note';
import type { ChatMessage } from './prompt';
import { rejectsImages } from './image-rejection';
import { NoteFailure } from './provider-errors';

/** Where the working output mode of each endpoint and model is remembered. */
export interface OutputModeMemory {
  get(key: string): Promise<OutputMode | undefined>;
  set(key: string, mode: OutputMode): Promise<void>;
}

/** How to read one kind of answer (a note, a batch of notes). */
export interface AnswerReader<T, P> {
  format: JsonSchemaFormat;
  /** Whatever prefix has streamed so far; never throws. */
  partial(answer: string): P;
  /** The complete answer, or what is wrong with it (said to the model in the repair request). */
  final(json: unknown): { ok: true; value: T } | { ok: false; problem: string };
}

export interface StructuredResult<T> {
  value: T;
  mode: OutputMode;
  /** The first answer was invalid and a repair request fixed it. */
  repaired: boolean;
  usage: ChatResult['usage'];
  /** Everything sent and received, for token estimates when the provider reports no usage. */
  transcript: string;
}

export interface StructuredRequest<T, P> {
  endpoint: ChatEndpoint;
  messages: ChatMessage[];
  reader: AnswerReader<T, P>;
  modes: OutputModeMemory;
  stream: typeof streamChatJson;
  /** The answer's language and the post's, for models that must be told (Chrome's on-device one). */
  languages?: RequestLanguages;
  signal: AbortSignal;
  onPartial(partial: P): void;
}

/**
 * One structured answer that always parses or fails clearly (docs/ARCHITECTURE.md, Prompting and safety): the remembered (or
 * strictest) output mode first, falling back when the provider rejects it; the answer validated;
 * one repair request when it is invalid; then a clear "malformed" error.
 */
export async function completeStructured<T, P>(
  request: StructuredRequest<T, P>,
): Promise<StructuredResult<T>> {
  const { endpoint, reader } = request;
  const key = outputModeKey(endpoint.baseUrl, endpoint.model);
  const { result, mode } = await firstAcceptedMode(request, await request.modes.get(key));
  await request.modes.set(key, mode);

  const first = check(reader, result.content);
  if (first.ok) return finished(first.value, mode, false, request.messages, [result]);

  const repairMessages: ChatMessage[] = [
    ...request.messages,
    { role: 'assistant', content: result.content },
    {
      role: 'user',
      content: `That answer is not valid: ${first.problem}. Reply with only the corrected JSON object that matches the schema, nothing else.`,
    },
  ];
  const repair = await streamOnce(request, repairMessages, mode);
  const second = check(reader, repair.content);
  if (second.ok) return finished(second.value, mode, true, repairMessages, [result, repair]);
  throw new NoteFailure(
    noteError(
      'malformed',
      `The model at ${endpoint.baseUrl} gave an invalid answer twice (${second.problem}).`,
    ),
  );
}

function finished<T>(
  value: T,
  mode: OutputMode,
  repaired: boolean,
  sent: ChatMessage[],
  results: ChatResult[],
): StructuredResult<T> {
  return {
    value,
    mode,
    repaired,
    usage: sumUsage(results),
    transcript: [...sent.map((m) => m.content), ...results.map((r) => r.content)].join('\n'),
  };
}

async function firstAcceptedMode<T, P>(
  request: StructuredRequest<T, P>,
  remembered: OutputMode | undefined,
): Promise<{ result: ChatResult; mode: OutputMode }> {
  const modes = modesFrom(remembered);
  for (const [i, mode] of modes.entries()) {
    try {
      return { result: await streamOnce(request, request.messages, mode), mode };
    } catch (err) {
      const last = i === modes.length - 1;
      if (last || !rejectsOutputMode(err) || rejectsPictures(request.messages, err)) throw err;
    }
  }
  throw new Error('unreachable: modesFrom() always returns prompt_only last');
}

function streamOnce<T, P>(
  request: StructuredRequest<T, P>,
  messages: ChatMessage[],
  mode: OutputMode,
): Promise<ChatResult> {
  return request.stream(request.endpoint, messages, request.reader.format, mode, {
    signal: request.signal,
    languages: request.languages,
    onContent: (answer) => request.onPartial(request.reader.partial(answer)),
  });
}

/** A refusal of the request's pictures is not one of its output mode: the caller drops the pictures. */
function rejectsPictures(messages: ChatMessage[], err: unknown): boolean {
  return (
    messages.some((message) => message.images?.length) &&
    err instanceof NoteFailure &&
    rejectsImages(err.error)
  );
}

/** A 400/422 to a request with response_format: the provider does not support that format. */
function rejectsOutputMode(err: unknown): boolean {
  return err instanceof NoteFailure && (err.error.status === 400 || err.error.status === 422);
}

function check<T, P>(reader: AnswerReader<T, P>, answer: string) {
  let json: unknown;
  try {
    json = JSON.parse(jsonObjectText(answer));
  } catch {
    return { ok: false as const, problem: `not valid JSON: "${answer.slice(0, 120)}"` };
  }
  return reader.final(json);
}

function sumUsage(results: ChatResult[]): ChatResult['usage'] {
  if (results.some((r) => r.usage === null)) return null;
  return results.reduce(
    (sum, r) => ({
      promptTokens: sum.promptTokens + (r.usage?.promptTokens ?? 0),
      completionTokens: sum.completionTokens + (r.usage?.completionTokens ?? 0),
    }),
    { promptTokens: 0, completionTokens: 0 },
  );
}
