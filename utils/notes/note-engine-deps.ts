import type { Note, PartialNote } from '../core/note-schema';
import type { ChatEndpoint, streamChatJson } from '../ai/openai-chat';
import type { OutputModeMemory } from '../ai/structured-completion';
import type { NoteCache } from './note-cache';
import type { EvidencePlan } from './note-evidence';
import type { NoteError } from '../core/note-error';
import type { NoteMeta, TokenUsage } from '../core/note-meta';
import type { OverBudget, UsageTally } from '../settings/usage-ledger';
import type { ThreadCache } from './thread-cache';
import type { TriageCache } from './triage-cache';

// What the note engine is built from: settings, storage and the network come in only here, so
// the engine runs the same in the background, in tests and in the eval.

/** The endpoint to write notes with, and the provider's name as a note's metadata shows it. */
export interface ConfiguredEndpoint {
  endpoint: ChatEndpoint;
  providerLabel: string;
}

export interface UsageAccounting {
  /** Null while today's use is within the daily budget. */
  exceeded(now: number): Promise<OverBudget | null>;
  /** Counts one model call: its tokens, and the notes it wrote or the posts it triaged. */
  record(usage: TokenUsage, tally: UsageTally, now: number): Promise<void>;
}

export interface NoteEngineDeps {
  /** The configured endpoint with its key, or null when no provider is set up. */
  loadEndpoint(): Promise<ConfiguredEndpoint | null>;
  /** The resolved answer language (BCP-47). */
  answerLanguage(): Promise<string>;
  /** The evidence sources switched on now (single notes only; batches go without). */
  evidencePlan(): Promise<EvidencePlan>;
  cache: NoteCache;
  /** Triage verdicts; without one, a memory-only cache (tests and the eval need no more). */
  triageCache?: TriageCache;
  /** Thread digests; without one, a memory-only cache. */
  threadCache?: ThreadCache;
  /**
   * Prompt tokens a thread part may take at an endpoint; by default by where it runs
   * (thread-chunks.ts). The bench measures the hosted size against its local server with it.
   */
  threadPartTokens?: (endpoint: { baseUrl: string }) => number;
  /**
   * Whether single notes get a self-check request before they are shown (utils/notes/
   * self-check.ts) at this endpoint; without it, none (tests and the eval switch it on).
   */
  selfCheck?(endpoint: ChatEndpoint): Promise<boolean>;
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
