import { createBatchNotes } from './batch-notes';
import type { NoteEngineDeps } from './note-engine-deps';
import { createNotePipeline } from './note-pipeline';
import { createSingleNotes } from './single-note';

export type { ConfiguredEndpoint, NoteEngineDeps, NoteSink, UsageAccounting } from './note-engine-deps';
export type { NoteJob } from './single-note';
export type { BatchItem, DigestSink } from './batch-notes';

/**
 * Notes for posts, single or batched, through one pipeline: prepare (cache, budget) → write
 * (queue per endpoint, evidence, model: validate, repair once) → finish (rules, metadata) →
 * store → stream out. Knows nothing of the DOM, of storage or of how results travel.
 */
export function createNoteEngine(deps: NoteEngineDeps) {
  const pipeline = createNotePipeline(deps);
  const single = createSingleNotes(pipeline);
  return {
    requestNote: single.requestNote,
    /** The note the cache holds for a single request of the post, or null; never a model call. */
    peekNote: single.peekNote,
    requestBatch: createBatchNotes(pipeline),
    /** Past notes, most recent first. */
    history: () => deps.cache.list(),
    clearCache: () => deps.cache.clear(),
  };
}

export type NoteEngine = ReturnType<typeof createNoteEngine>;
