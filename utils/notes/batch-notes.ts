import { BATCH_MAX, BATCH_SYSTEM_PROMPT, batchReader, notesByRef } from '../ai/batch-reader';
import { buildBatchMessages, PROMPT_VERSION } from '../ai/prompt';
import { createNonce } from '../ai/data-block';
import { NoteFailure } from '../ai/provider-errors';
import { completeStructured } from '../ai/structured-completion';
import { hasSomethingToCheck } from '../posts/checkable';
import type { Post } from '../posts/post';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import { noteCacheKey, notePostRef } from './note-cache';
import {
  budgetError,
  describe,
  estimateUsage,
  freshNoteMeta,
  NOTHING_TO_CHECK,
  recordUsage,
  type NoteEngineDeps,
  type NoteSink,
} from './note-engine-deps';
import { noteError } from './note-error';
import { NO_EVIDENCE } from './note-evidence';
import { enforceNoteRules } from './note-rules';

export interface BatchItem {
  post: Post;
  sink: NoteSink;
}

/** The batch's digest of the posts as a whole, as it streams (final = complete). */
export type DigestSink = (digest: string, final: boolean) => void;

/**
 * "Summarize visible": up to BATCH_MAX posts in one model call, each post's note going to its
 * own sink as it streams, plus a digest of them all. Posts already cached are answered from
 * the cache and not sent; a post the model skipped gets its own error.
 */
export function createBatchNotes(deps: NoteEngineDeps, limiter: ConcurrencyLimiter) {
  return async function requestBatch(
    items: BatchItem[],
    onDigest: DigestSink,
    signal: AbortSignal,
  ): Promise<void> {
    const configured = await deps.loadEndpoint();
    if (!configured) {
      const error = noteError('no_provider', 'Choose an AI provider and model in Footnote options first.');
      for (const item of items) item.sink.error(error);
      return;
    }
    const { endpoint, providerLabel } = configured;
    const answerLanguage = await deps.answerLanguage();
    const pending: Array<BatchItem & { ref: string; key: string }> = [];
    for (const item of items.slice(0, BATCH_MAX)) {
      if (!hasSomethingToCheck(item.post)) {
        item.sink.error(NOTHING_TO_CHECK);
        continue;
      }
      const key = await noteCacheKey({
        post: item.post,
        baseUrl: endpoint.baseUrl,
        model: endpoint.model,
        promptVersion: PROMPT_VERSION,
        answerLanguage,
        evidence: NO_EVIDENCE.fingerprint,
      });
      const cached = await deps.cache.get(key);
      if (cached) item.sink.done(cached.note, { ...cached.meta, fromCache: true });
      else pending.push({ ...item, key, ref: `P${pending.length + 1}` });
    }
    if (pending.length === 0) return;
    try {
      const over = await deps.usage.exceeded(deps.now());
      if (over) throw new NoteFailure(budgetError(over));
      const seen = new Map<string, string>();
      const result = await limiter.run(
        endpoint.baseUrl,
        () =>
          completeStructured({
            endpoint,
            messages: buildBatchMessages(
              {
                posts: pending.map(({ ref, post }) => ({ ref, post })),
                answerLanguage,
                today: new Date(deps.now()).toISOString().slice(0, 10),
                nonce: createNonce(),
              },
              BATCH_SYSTEM_PROMPT,
            ),
            reader: batchReader,
            modes: deps.outputModes,
            // Posts of a batch differ in language: only the answer's is declared.
            languages: { answer: answerLanguage, post: null },
            stream: deps.stream,
            signal,
            onPartial: ({ notes, digest }) => {
              for (const item of pending) {
                const partial = notes.get(item.ref);
                const serialised = partial && JSON.stringify(partial);
                if (!partial || seen.get(item.ref) === serialised) continue;
                seen.set(item.ref, serialised!);
                item.sink.partial(partial);
              }
              if (digest) onDigest(digest, false);
            },
          }),
        signal,
      );
      const total = result.usage ? { ...result.usage, estimated: false } : estimateUsage(result.transcript);
      await recordUsage(deps, total, pending.length);
      const share = {
        promptTokens: Math.round(total.promptTokens / pending.length),
        completionTokens: Math.round(total.completionTokens / pending.length),
        estimated: total.estimated,
      };
      const byRef = notesByRef(
        result.value,
        pending.map((p) => p.ref),
      );
      for (const item of pending) {
        const note = byRef.get(item.ref);
        if (!note) {
          item.sink.error(
            noteError(
              'malformed',
              `The model's batch answer had no note for this post (${item.ref} of ${pending.length}).`,
            ),
          );
          continue;
        }
        const meta = freshNoteMeta({ providerLabel, endpoint, usage: share, result, now: deps.now() });
        const enforced = enforceNoteRules(note, new Set());
        await deps.cache.set(item.key, { post: notePostRef(item.post), note: enforced, meta });
        item.sink.done(enforced, meta);
      }
      onDigest(result.value.digest, true);
    } catch (err) {
      const error = err instanceof NoteFailure ? err.error : noteError('internal', describe(err));
      for (const item of pending) item.sink.error(error);
    }
  };
}
