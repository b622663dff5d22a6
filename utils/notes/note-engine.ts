import { createBatchNotes } from './batch-notes';
import { NoteCache } from './note-cache';
import type { NoteEngineDeps } from './note-engine-deps';
import { createNotePipeline } from './note-pipeline';
import { createSingleNotes } from './single-note';
import { createThreadCache } from './thread-cache';
import { createThreadDigest } from './thread-digest';
import type { CachedTriage } from './triage-cache';
import { createTriage } from './triage-notes';

export type { ConfiguredEndpoint, NoteEngineDeps, NoteSink, UsageAccounting } from './note-engine-deps';
export type { NoteJob } from './single-note';
export type { BatchItem, DigestSink } from './batch-notes';
export type { PauseSink, TriageItem, TriageSink } from './triage-notes';
export type { DigestRequest, ThreadSink } from './thread-digest';

/** A triage cache when the deps bring none: memory only, bounded like the background's. */
const MEMORY_TRIAGE_ENTRIES = 5_000;
const MEMORY_TRIAGE_BYTES = 3 * 1024 * 1024;

/**
 * Notes for posts, single or batched, through one pipeline: prepare (cache, budget) → write
 * (queue per endpoint, evidence, model: validate, repair once) → finish (rules, metadata) →
 * store → stream out; and feed triage and thread digests through the same pipeline. Knows
 * nothing of the DOM, of storage or of how results travel.
 */
export function createNoteEngine(deps: NoteEngineDeps) {
  const pipeline = createNotePipeline(deps);
  const single = createSingleNotes(pipeline);
  const triageCache =
    deps.triageCache ?? new NoteCache<CachedTriage>(MEMORY_TRIAGE_ENTRIES, MEMORY_TRIAGE_BYTES);
  const threadCache = deps.threadCache ?? createThreadCache();
  return {
    requestNote: single.requestNote,
    /** The note the cache holds for a single request of the post, or null; never a model call. */
    peekNote: single.peekNote,
    requestBatch: createBatchNotes(pipeline),
    /** Verdicts for posts scrolled past: cached, else one cheap batched call (utils/notes/triage-notes.ts). */
    requestTriage: createTriage(pipeline, triageCache, deps.now),
    /** "Summarize this discussion": a thread's digest, map-reduce (utils/notes/thread-digest.ts). */
    requestDigest: createThreadDigest(pipeline, threadCache, deps.now, deps.threadPartTokens),
    /** Past notes, most recent first. */
    history: () => deps.cache.list(),
    /** Forgets every cached note, and every triage verdict and thread digest with them. */
    clearCache: async () => {
      await Promise.all([deps.cache.clear(), triageCache.clear(), threadCache.clear()]);
    },
  };
}

export type NoteEngine = ReturnType<typeof createNoteEngine>;
