import { noteError, type NoteError } from '../core/note-error';
import { languageName, NOTE_LANGUAGES, type RequestLanguages } from './answer-language';
import type { ChatEndpoint, ChatResult } from './openai-chat';
import type { OutputMode } from '../core/output-mode';
import type { JsonSchemaFormat } from './output-modes';
import type { ChatMessage } from './prompt';
import { ON_DEVICE_MODEL } from '../settings/on-device-endpoint';
import { NoteFailure } from './provider-errors';

/**
 * Chrome's built-in model (Gemini Nano) through the Prompt API, where the browser has it: the
 * post never leaves the device. Exposed to extension pages and service workers as the global
 * `LanguageModel` (https://developer.chrome.com/docs/ai/prompt-api).
 */
export { ON_DEVICE_BASE_URL, ON_DEVICE_MODEL } from '../settings/on-device-endpoint';

export type OnDeviceAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/**
 * The languages a session reads and writes, as the Prompt API's `expectedInputs` and
 * `expectedOutputs`: availability() answers "unavailable" and create() rejects with a
 * NotSupportedError for languages the model does not have.
 */
export interface LanguageExpectations {
  expectedInputs: Array<{ type: 'text'; languages: string[] }>;
  expectedOutputs: Array<{ type: 'text'; languages: string[] }>;
}

interface OnDeviceSession {
  promptStreaming(
    input: string,
    options: { responseConstraint?: object; signal?: AbortSignal },
  ): AsyncIterable<string>;
  destroy(): void;
}

/** The slice of the Prompt API Footnote uses. */
interface LanguageModelApi {
  availability(options?: Partial<LanguageExpectations>): Promise<OnDeviceAvailability>;
  create(
    options: Partial<LanguageExpectations> & {
      initialPrompts: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
      signal?: AbortSignal;
    },
  ): Promise<OnDeviceSession>;
}

function languageModel(): LanguageModelApi | undefined {
  return (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel;
}

/** availability() for these options; a throw (a malformed language tag, say) counts as "unavailable". */
async function availabilityOf(
  api: LanguageModelApi,
  options?: LanguageExpectations,
): Promise<OnDeviceAvailability> {
  try {
    return await api.availability(options);
  } catch {
    return 'unavailable';
  }
}

/** Whether this browser can run the on-device model now, later (after a download), or never. */
export async function onDeviceAvailability(): Promise<OnDeviceAvailability> {
  const api = languageModel();
  return api ? availabilityOf(api) : 'unavailable';
}

/**
 * What a note's session expects: Footnote's instructions are English, the post comes in its own
 * language (when known), and the note is written in the answer language.
 */
export function languageExpectations(answer: string, post: string | null = null): LanguageExpectations {
  return {
    expectedInputs: [{ type: 'text', languages: [...new Set(['en', answer, ...(post ? [post] : [])])] }],
    expectedOutputs: [{ type: 'text', languages: [answer] }],
  };
}

/**
 * Which of these answer languages the on-device model can write notes in (asked as a note whose
 * post language is unknown asks); null where the browser has no Prompt API: nothing is known.
 */
export async function onDeviceWritable(
  languages: readonly string[],
): Promise<Record<string, boolean> | null> {
  const api = languageModel();
  return api ? writable(api, languages) : null;
}

async function writable(
  api: LanguageModelApi,
  languages: readonly string[],
): Promise<Record<string, boolean>> {
  const answers = await Promise.all(
    languages.map(
      async (language) =>
        [language, (await availabilityOf(api, languageExpectations(language))) !== 'unavailable'] as const,
    ),
  );
  return Object.fromEntries(answers);
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
  options: {
    signal: AbortSignal;
    onContent: (answerSoFar: string) => void;
    /** Declared to the model; without them the session is created as before, expecting nothing. */
    languages?: RequestLanguages;
  },
): Promise<ChatResult> {
  const api = await requireOnDevice();
  const { languages } = options;
  const expected = languages ? await sessionExpectations(api, languages) : {};
  const last = messages.at(-1);
  let session: OnDeviceSession | undefined;
  try {
    session = await api.create({
      ...expected,
      // Text only: Chrome's image input (from Chrome 148) is not assumed here, so pictures a
      // message carries are left out and the model reads the alt text in `content`.
      initialPrompts: messages.slice(0, -1).map(({ role, content }) => ({ role, content })),
      signal: options.signal,
    });
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
    // create() checks the expected languages again, and may refuse what availability() let through.
    if (!session && languages && isNotSupported(err)) {
      throw new NoteFailure(await languageUnsupported(api, languages.answer));
    }
    throw new NoteFailure(
      noteError(
        'server',
        `Chrome's built-in model failed: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  } finally {
    session?.destroy();
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
  if (availability !== 'available') throw stillDownloading();
  return api;
}

function stillDownloading(): NoteFailure {
  return new NoteFailure(
    noteError('server', 'Chrome is still downloading its built-in AI model. Try again in a few minutes.'),
  );
}

/**
 * The expectations to create the session with. The post's language is declared only where the
 * model has it now; otherwise the model reads the post as best it can, as with no expectations.
 * The answer language is never left out: a note the model cannot write in it fails instead of
 * coming out in another language.
 */
async function sessionExpectations(
  api: LanguageModelApi,
  languages: RequestLanguages,
): Promise<LanguageExpectations> {
  if (languages.post) {
    const withPost = languageExpectations(languages.answer, languages.post);
    if ((await availabilityOf(api, withPost)) === 'available') return withPost;
  }
  const expected = languageExpectations(languages.answer);
  const availability = await availabilityOf(api, expected);
  if (availability === 'available') return expected;
  if (availability !== 'unavailable') throw stillDownloading();
  throw new NoteFailure(await languageUnsupported(api, languages.answer));
}

/** Says which of Footnote's answer languages the model does write, when it has any. */
async function languageUnsupported(api: LanguageModelApi, answer: string): Promise<NoteError> {
  const known = await writable(api, NOTE_LANGUAGES);
  const choices = NOTE_LANGUAGES.filter((language) => known[language]).map((language) =>
    languageName(language),
  );
  const instead = choices.length
    ? `Choose ${new Intl.ListFormat('en', { type: 'disjunction' }).format(choices)} as the answer language for this model, or pick another provider in options.`
    : 'Pick another provider in options.';
  return noteError(
    'language_unsupported',
    `Chrome's built-in AI model cannot write in ${languageName(answer)}. ${instead}`,
  );
}

/** create() rejects with this DOMException when the model lacks an expected language. */
function isNotSupported(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'name' in err && err.name === 'NotSupportedError';
}
