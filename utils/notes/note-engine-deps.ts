import type { Note, PartialNote } from '../core/note-schema';
import type { ChatEndpoint, streamChatJson } from '../ai/openai-chat';
import type { OutputModeMemory } from '../ai/structured-completion';
import type { NoteCache } from './note-cache';
import type { EvidencePlan } from './note-evidence';
import type { NoteError } from '../core/note-error';
import type { NoteMeta, TokenUsage } from '../core/note-meta';
import type { OverBudget, UsageTally } from '../settings/usage-ledger';
import type { ThreadCache } from './thread-cache';
import type { ImageCapability, ImageOwner, ImageReport } from '../core/images';
import type { Post } from '../core/post';
import type { TriageCache } from './triage-cache';
import type { VideoProgress } from '../core/video';

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
  /**
   * Reads a post's pictures for the model (fetch, downsize, re-encode; utils/background/
   * post-images.ts); without it, or when it answers null (images switched off), alt text only.
   */
  images?: ImagePreparer;
  /** Which endpoint+model reads images, learned like output modes (a 400 for images: no). */
  imageCapabilities?: ImageCapabilityMemory;
  outputModes: OutputModeMemory;
  usage: UsageAccounting;
  stream: typeof streamChatJson;
  now(): number;
  /** Model calls at once per endpoint. */
  concurrency: number;
}

/** One picture ready to send: encoded by Footnote, with where it came from. */
export interface PreparedImage {
  of: ImageOwner;
  /** 1-based, in its post's order. */
  index: number;
  dataUrl: string;
  width: number;
  height: number;
  bytes: number;
}

export interface PreparedImages {
  images: PreparedImage[];
  skipped: ImageReport['skipped'];
}

export interface ImagePreparer {
  /** Whether the reader lets pictures be sent ("Send pictures to the model"): part of the cache key. */
  enabled(): Promise<boolean>;
  /** At most IMAGES_SENT_MAX of the post's and its quoted post's pictures; null when images are off. */
  prepare(post: Post, signal: AbortSignal): Promise<PreparedImages | null>;
}

/** Keyed by endpoint and model, as output modes are (outputModeKey). */
export interface ImageCapabilityMemory {
  get(key: string): Promise<ImageCapability | undefined>;
  set(key: string, capability: ImageCapability): Promise<void>;
}

/** Where one request's results go, in order: any number of partials, then done or error. */
export interface NoteSink {
  partial(note: PartialNote): void;
  /** A video's transcript being outlined: parts done (single notes of video posts only). */
  progress?(progress: VideoProgress): void;
  done(note: Note, meta: NoteMeta): void;
  error(error: NoteError): void;
}
