import { noteError } from '../notes/note-error';
import type { ChatEndpoint, ChatResult } from './openai-chat';
import type { JsonSchemaFormat, OutputMode } from './output-modes';
import type { ChatMessage } from './prompt';
import { ON_DEVICE_MODEL } from './on-device-endpoint';
import { NoteFailure } from './provider-errors';

/**
 * Chrome's built-in model (Gemini Nano) through the Prompt API, where the browser has it: the
 * post never leaves the device. Exposed to extension pages and service workers as the global
 * `LanguageModel` (https://developer.chrome.com/docs/ai/prompt-api).
 */
export { ON_DEVICE_BASE_URL, ON_DEVICE_MODEL } from './on-device-endpoint';

export type OnDeviceAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** The slice of the Prompt API Footnote uses. */
interface LanguageModelApi {
  availability(options?: object): Promise<OnDeviceAvailability>;
  create(options: {
    initialPrompts: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
    signal?: AbortSignal;
  }): Promise<{
    promptStreaming(
      input: string,
      options: { responseConstraint?: object; signal?: AbortSignal },
    ): AsyncIterable<string>;
    destroy(): void;
  }>;
}

function languageModel(): LanguageModelApi | undefined {
  return (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel;
}

/** Whether this browser can run the on-device model now, later (after a download), or never. */
export async function onDeviceAvailability(): Promise<OnDeviceAvailability> {
  const api = languageModel();
  if (!api) return 'unavailable';
  try {
    return await api.availability();
  } catch {
    return 'unavailable';
  }
}

/** The on-device "model list", and a clear error when there is none. */
export async function listOnDeviceModels(): Promise<string[]> {
  await requireOnDevice();
  return [ON_DEVICE_MODEL];
}

/**
 * Same contract as streamChatJson: the whole answer so far after each chunk. In json_schema
 * mode the schema is a response constraint; the last message is the prompt, the rest are the
 * session's initial prompts.
 */
export async function streamOnDevice(
  _endpoint: ChatEndpoint,
  messages: ChatMessage[],
  format: JsonSchemaFormat,
  mode: OutputMode,
  options: { signal: AbortSignal; onContent: (answerSoFar: string) => void },
): Promise<ChatResult> {
  const api = await requireOnDevice();
  const last = messages.at(-1);
  const session = await api.create({ initialPrompts: messages.slice(0, -1), signal: options.signal });
  try {
    let content = '';
    const stream = session.promptStreaming(last?.content ?? '', {
      responseConstraint: mode === 'json_schema' ? format.schema : undefined,
      signal: options.signal,
    });
    for await (const chunk of stream) {
      content += chunk; // deltas (Chrome ≥ 137; earlier builds had no LanguageModel global)
      options.onContent(content);
    }
    if (options.signal.aborted) throw new NoteFailure(noteError('cancelled', 'The request was cancelled.'));
    return { content, usage: null };
  } catch (err) {
    if (err instanceof NoteFailure) throw err;
    if (options.signal.aborted) throw new NoteFailure(noteError('cancelled', 'The request was cancelled.'));
    throw new NoteFailure(
      noteError(
        'server',
        `Chrome's built-in model failed: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  } finally {
    session.destroy();
  }
}

async function requireOnDevice(): Promise<LanguageModelApi> {
  const api = languageModel();
  const availability = await onDeviceAvailability();
  if (!api || availability === 'unavailable') {
    throw new NoteFailure(
      noteError(
        'model_not_found',
        "Chrome's built-in AI model is not available in this browser (it needs a recent desktop Chrome with enough memory and disk). Choose another provider in options.",
      ),
    );
  }
  if (availability !== 'available') {
    throw new NoteFailure(
      noteError('server', 'Chrome is still downloading its built-in AI model. Try again in a few minutes.'),
    );
  }
  return api;
}
