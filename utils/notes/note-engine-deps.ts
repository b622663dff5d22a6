import type { PartialNote, Note } from '../ai/note-schema';
import type { ChatEndpoint, streamChatJson } from '../ai/openai-chat';
import type { OutputMode } from '../ai/output-modes';
import { PROMPT_VERSION } from '../ai/prompt';
import type { OutputModeMemory } from '../ai/structured-completion';
import type { NoteCache } from './note-cache';
import { noteError, type NoteError } from './note-error';
import type { NoteMeta, TokenUsage } from './note-meta';

/** What the note engine (single notes and batches alike) is built from, and shared helpers. */

export interface UsageAccounting {
  /** Null while today's use is within the daily budget. */
  exceeded(now: number): Promise<{ budget: number; used: number } | null>;
  record(usage: TokenUsage, notes: number, now: number): Promise<void>;
}

export interface NoteEngineDeps {
  /** The configured endpoint with its key, or null when no provider is set up. */
  loadEndpoint(): Promise<{ endpoint: ChatEndpoint; providerLabel: string } | null>;
  /** The resolved answer language (BCP-47). */
  answerLanguage(): Promise<string>;
  cache: NoteCache;
  outputModes: OutputModeMemory;
  usage: UsageAccounting;
  stream: typeof streamChatJson;
  now(): number;
  /** Model calls at once per endpoint. */
  concurrency: number;
}

/** Where one request's results go, in order: any number of partials, then done or error. */
export interface NoteSink {
  partial(note: PartialNote): void;
  done(note: Note, meta: NoteMeta): void;
  error(error: NoteError): void;
}

/** The metadata of a note just written by the model (DESIGN.md §2). */
export function freshNoteMeta(input: {
  providerLabel: string;
  endpoint: ChatEndpoint;
  usage: TokenUsage;
  result: { mode: OutputMode; repaired: boolean };
  now: number;
}): NoteMeta {
  return {
    provider: input.providerLabel,
    model: input.endpoint.model,
    promptVersion: PROMPT_VERSION,
    evidence: [],
    usage: input.usage,
    mode: input.result.mode,
    repaired: input.result.repaired,
    createdAt: input.now,
    fromCache: false,
  };
}

export function budgetError(over: { budget: number; used: number }): NoteError {
  return noteError(
    'budget_exhausted',
    `Today's budget of ${over.budget} tokens is used up (${over.used} used). Raise it in options, or wait until tomorrow.`,
  );
}

/** About four characters a token: only used when the provider reports no usage. */
export function estimateUsage(transcript: string): TokenUsage {
  return { promptTokens: Math.ceil(transcript.length / 4), completionTokens: 0, estimated: true };
}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
