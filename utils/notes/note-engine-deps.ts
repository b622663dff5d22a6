import type { PartialNote, Note } from '../ai/note-schema';
import type { ChatEndpoint, streamChatJson } from '../ai/openai-chat';
import type { OutputMode } from '../ai/output-modes';
import { PROMPT_VERSION } from '../ai/prompt';
import type { OutputModeMemory } from '../ai/structured-completion';
import type { NoteCache } from './note-cache';
import type { EvidencePlan, EvidenceRecord } from './note-evidence';
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
  /** The evidence sources switched on now (single notes only; batches go without). */
  evidencePlan(): Promise<EvidencePlan>;
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
  evidence?: EvidenceRecord;
}): NoteMeta {
  return {
    provider: input.providerLabel,
    model: input.endpoint.model,
    promptVersion: PROMPT_VERSION,
    evidence: input.evidence?.items ?? [],
    evidenceNotices: input.evidence?.notices ?? [],
    ...(input.evidence?.factCheckId ? { factCheckId: input.evidence.factCheckId } : {}),
    usage: input.usage,
    mode: input.result.mode,
    repaired: input.result.repaired,
    createdAt: input.now,
    fromCache: false,
  };
}

/**
 * Counts tokens spent. Best effort: when storage refuses the write (its quota is full) the
 * reader still gets the note; only today's tally misses it.
 */
export async function recordUsage(deps: NoteEngineDeps, usage: TokenUsage, notes: number): Promise<void> {
  try {
    await deps.usage.record(usage, notes, deps.now());
  } catch (err) {
    console.warn('Footnote: token usage not recorded:', describe(err));
  }
}

export function budgetError(over: { budget: number; used: number }): NoteError {
  return noteError(
    'budget_exhausted',
    `Today's budget of ${over.budget} tokens is used up (${over.used} used). Raise it in options, or wait until tomorrow.`,
  );
}

/**
 * For a post with nothing to check. The content script never sends one; this guards the model
 * call against any that arrives anyway.
 */
export const NOTHING_TO_CHECK: NoteError = noteError(
  'invalid_request',
  'This post has no text, image description, quoted post or link: there is nothing to check.',
);

/** About four characters a token: only used when the provider reports no usage. */
export function estimateUsage(transcript: string): TokenUsage {
  return { promptTokens: Math.ceil(transcript.length / 4), completionTokens: 0, estimated: true };
}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
