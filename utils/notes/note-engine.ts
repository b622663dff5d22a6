import { NOTE_SCHEMA_NAME, noteJsonSchema, noteSchema, type Note, type PartialNote } from '../ai/note-schema';
import { buildNoteMessages, createNonce, PROMPT_VERSION } from '../ai/prompt';
import { jsonObjectText, parsePartialNote } from '../ai/partial-note';
import type { ChatEndpoint, streamChatJson } from '../ai/openai-chat';
import { NoteFailure } from '../ai/provider-errors';
import type { Post } from '../posts/post';
import { noteCacheKey, type NoteCache } from './note-cache';
import { noteError, type NoteError } from './note-error';
import type { NoteMeta, TokenUsage } from './note-meta';
import { enforceNoteRules } from './note-rules';

export interface NoteEngineDeps {
  /** The configured endpoint with its key, or null when no provider is set up. */
  loadEndpoint(): Promise<{ endpoint: ChatEndpoint; providerLabel: string } | null>;
  /** The resolved answer language (BCP-47). */
  answerLanguage(): Promise<string>;
  cache: NoteCache;
  stream: typeof streamChatJson;
  now(): number;
}

/** Where one request's results go, in order: any number of partials, then done or error. */
export interface NoteSink {
  partial(note: PartialNote): void;
  done(note: Note, meta: NoteMeta): void;
  error(error: NoteError): void;
}

export interface NoteJob {
  post: Post;
  /** Ignore the cache (the user asked to regenerate). */
  refresh: boolean;
}

/**
 * The note pipeline (DESIGN.md §3): cache → model → validate → enforce rules → store → stream
 * out. Knows nothing of the DOM or of how results travel.
 */
export function createNoteEngine(deps: NoteEngineDeps) {
  async function requestNote(job: NoteJob, sink: NoteSink, signal: AbortSignal): Promise<void> {
    try {
      await run(job, sink, signal);
    } catch (err) {
      sink.error(err instanceof NoteFailure ? err.error : noteError('internal', describe(err)));
    }
  }

  async function run({ post, refresh }: NoteJob, sink: NoteSink, signal: AbortSignal): Promise<void> {
    const configured = await deps.loadEndpoint();
    if (!configured) {
      sink.error(noteError('no_provider', 'Choose an AI provider and model in Footnote options first.'));
      return;
    }
    const { endpoint, providerLabel } = configured;
    const answerLanguage = await deps.answerLanguage();
    const key = await noteCacheKey({
      post,
      baseUrl: endpoint.baseUrl,
      model: endpoint.model,
      promptVersion: PROMPT_VERSION,
      answerLanguage,
    });
    const cached = refresh ? undefined : deps.cache.get(key);
    if (cached) {
      sink.done(cached.note, { ...cached.meta, fromCache: true });
      return;
    }

    const messages = buildNoteMessages({
      post,
      answerLanguage,
      today: new Date(deps.now()).toISOString().slice(0, 10),
      nonce: createNonce(),
    });
    let lastPartial = '';
    const result = await deps.stream(
      endpoint,
      messages,
      { name: NOTE_SCHEMA_NAME, schema: noteJsonSchema },
      {
        signal,
        onContent: (answer) => {
          const partial = parsePartialNote(answer);
          const serialised = JSON.stringify(partial);
          if (serialised === lastPartial) return; // a chunk that completed nothing visible
          lastPartial = serialised;
          sink.partial(partial);
        },
      },
    );

    const note = enforceNoteRules(parseFinalNote(result.content, endpoint.baseUrl), new Set());
    const meta: NoteMeta = {
      provider: providerLabel,
      model: endpoint.model,
      promptVersion: PROMPT_VERSION,
      evidence: [],
      usage: result.usage
        ? { ...result.usage, estimated: false }
        : estimateUsage(messages.map((m) => m.content).join(''), result.content),
      createdAt: deps.now(),
      fromCache: false,
    };
    deps.cache.set(key, { note, meta });
    sink.done(note, meta);
  }

  return { requestNote };
}

/** Validates the model's final answer against the note schema. */
function parseFinalNote(answer: string, baseUrl: string): Note {
  let json: unknown;
  try {
    json = JSON.parse(jsonObjectText(answer));
  } catch {
    throw new NoteFailure(
      noteError('malformed', `The model at ${baseUrl} did not answer with valid JSON: "${answer.slice(0, 120)}"`),
    );
  }
  const parsed = noteSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'answer';
    throw new NoteFailure(
      noteError('malformed', `The model's answer does not match the note format (${where}: ${issue?.message}).`),
    );
  }
  return parsed.data;
}

/** About four characters a token: only used when the provider reports no usage. */
function estimateUsage(prompt: string, completion: string): TokenUsage {
  return {
    promptTokens: Math.ceil(prompt.length / 4),
    completionTokens: Math.ceil(completion.length / 4),
    estimated: true,
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
