import {
  BATCH_MAX,
  BATCH_SYSTEM_PROMPT,
  batchReader,
  notesByRef,
  type BatchAnswer,
  type PartialBatch,
} from '../ai/batch-reader';
import type { PartialNote } from '../core/note-schema';
import { buildBatchMessages } from '../ai/prompt';
import { noteError } from '../core/note-error';
import type { TokenUsage } from '../core/note-meta';
import { onlyChanges, type ModelCall, type NotePipeline, type NoteRequest } from './note-pipeline';

export type BatchItem = NoteRequest;

/** The batch's digest of the posts as a whole, as it streams (final = complete). */
export type DigestSink = (digest: string, final: boolean) => void;

/** A batch note cites nothing: batches gather no evidence. */
const NOTHING_CITABLE: ReadonlyMap<string, string> = new Map();

/**
 * "Summarize visible": up to BATCH_MAX posts in one model call, each post's note going to its
 * own sink as it streams, plus a digest of them all. Posts already cached are answered from
 * the cache and not sent; a post the model skipped gets its own error.
 */
export function createBatchNotes(pipeline: NotePipeline) {
  return function requestBatch(items: BatchItem[], onDigest: DigestSink, signal: AbortSignal): Promise<void> {
    const requests = items.slice(0, BATCH_MAX);
    return pipeline.run(requests, { evidence: false, refresh: false }, async (run, pending) => {
      const refs = pending.map((item, i) => ({
        ...item,
        ref: `P${i + 1}`,
        partial: onlyChanges((partial: PartialNote) => item.sink.partial(partial)),
      }));
      const call: ModelCall<BatchAnswer, PartialBatch> = {
        prompt: (basics) =>
          buildBatchMessages(
            { ...basics, posts: refs.map(({ ref, post }) => ({ ref, post })) },
            BATCH_SYSTEM_PROMPT,
          ),
        reader: batchReader,
        // Posts of a batch differ in language: only the answer's is declared.
        postLanguage: null,
        tally: () => ({ kind: 'notes', notes: refs.length }),
        onPartial: ({ notes, digest }) => {
          for (const item of refs) {
            const partial = notes.get(item.ref);
            if (partial) item.partial(partial);
          }
          if (digest) onDigest(digest, false);
        },
      };
      const answer = await pipeline.queue(run.endpoint, () => pipeline.callModel(run, call, signal), signal);
      const usage = shareOf(answer.usage, refs.length);
      const byRef = notesByRef(
        answer.value,
        refs.map((item) => item.ref),
      );
      for (const item of refs) {
        const note = byRef.get(item.ref);
        if (note) {
          await pipeline.deliver(
            item,
            pipeline.finish(run, { note, answer, usage, citable: NOTHING_CITABLE }),
          );
        } else {
          item.sink.error(
            noteError(
              'malformed',
              `The model's batch answer had no note for this post (${item.ref} of ${refs.length}).`,
            ),
          );
        }
      }
      onDigest(answer.value.digest, true);
    });
  };
}

/** Each note's part of the batch call's tokens. */
function shareOf(total: TokenUsage, notes: number): TokenUsage {
  return {
    promptTokens: Math.round(total.promptTokens / notes),
    completionTokens: Math.round(total.completionTokens / notes),
    estimated: total.estimated,
  };
}
